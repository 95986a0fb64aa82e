using FastScale.Engine.Policy;

namespace FastScale.Engine.Reload;

/// <summary>
/// What became of one reload attempt. <see cref="Problems"/> use the loader's form (<c>FILE:LINE:COL: field: message</c>;
/// line and column are 0 for a refusal that is about the change rather than a place in the file).
/// </summary>
public sealed record PolicyReloadResult(PolicyReloadOutcome Outcome, PolicyChange? Change, IReadOnlyList<PolicyProblem> Problems, long Generation)
{
    /// <summary>A file that did not load (unreadable, broken YAML, invalid values): its problems as <c>validate</c> prints them.</summary>
    public static PolicyReloadResult Invalid(IReadOnlyList<PolicyProblem> problems, long generation) =>
        new(PolicyReloadOutcome.Refused, null, problems, generation);
}
