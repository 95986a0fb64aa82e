namespace FastScale.Burst;

/// <summary>
/// P50, P90, P99 and max of one run's times over the nodes requested (<see cref="Percentiles.Of"/>): a node that never
/// got there counts as never, so a figure it would decide is null (not reached) rather than a figure of the survivors.
/// Max is P100, the time the last requested node got there: null unless every one did. <see cref="Reached"/> says how
/// many did. Every report and table of a run shows these, so they mean the same everywhere.
/// </summary>
internal sealed record PercentileSummary(int Requested, int Reached, double? P50, double? P90, double? P99, double? Max)
{
    /// <param name="sorted">The times that happened, ascending, at most <paramref name="requested"/> of them.</param>
    public static PercentileSummary Of(IReadOnlyList<double> sorted, int requested)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return new PercentileSummary(
            requested,
            sorted.Count,
            Percentiles.Of(sorted, 0.50, requested),
            Percentiles.Of(sorted, 0.90, requested),
            Percentiles.Of(sorted, 0.99, requested),
            Percentiles.Of(sorted, 1.00, requested));
    }
}
