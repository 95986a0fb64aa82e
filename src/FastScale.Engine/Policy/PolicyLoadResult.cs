namespace FastScale.Engine.Policy;

/// <summary>The outcome of loading a policy: the policy when it could be read at all, and every problem found.</summary>
public sealed class PolicyLoadResult
{
    public PolicyLoadResult(ScalePolicy? policy, IReadOnlyList<PolicyProblem> problems)
    {
        Policy = policy;
        Problems = problems;
    }

    /// <summary>The policy as read, defaults applied. Present even when there are problems, unless the file could not be parsed; use it only when <see cref="IsValid"/>.</summary>
    public ScalePolicy? Policy { get; }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }

    public bool IsValid => Problems.Count == 0 && Policy is not null;
}
