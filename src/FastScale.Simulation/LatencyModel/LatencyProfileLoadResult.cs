namespace FastScale.Simulation.LatencyModel;

/// <summary>The profile asked for, or every problem found in the file (never both).</summary>
public sealed record LatencyProfileLoadResult(LatencyProfile? Profile, IReadOnlyList<LatencyProblem> Problems)
{
    public bool IsValid => Profile is not null && Problems.Count == 0;

    /// <summary>The profile, or an exception listing every problem, one per line (for start-up code and tests).</summary>
    public LatencyProfile GetOrThrow() =>
        IsValid ? Profile! : throw new InvalidOperationException(string.Join(Environment.NewLine, Problems));
}
