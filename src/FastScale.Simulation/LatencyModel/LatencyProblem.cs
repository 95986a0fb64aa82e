namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// One problem in a latency profile file. Line and column are 1-based (0: the file as a whole); <see cref="Field"/> is a
/// path such as <c>profiles.default.boot.prebaked.p90</c>.
/// </summary>
public sealed record LatencyProblem(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}
