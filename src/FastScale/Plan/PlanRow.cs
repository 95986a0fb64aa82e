using FastScale.Burst;

namespace FastScale.Plan;

/// <summary>
/// One row of a plan: a sweep's value (or the scenario alone) and what it computed. Idle cost is what the warm pool
/// costs while it waits: its stopped instances' disks, <c>prices.stoppedPerHour</c> of the group times the pool size
/// (null when the group has no prices); a month is 730 hours. <see cref="Upstream"/> and <see cref="Naive"/> are the
/// burst's baselines computed on the same world and seed.
/// </summary>
internal sealed record PlanRow(string Label, double? Number, PlanRunResult Result, double? StoppedPerHour, BurstRunResult Upstream, BurstRunResult Naive)
{
    public const double HoursPerMonth = 730;

    public BurstRunResult Run => Result.Run;

    /// <summary>Readiness over the nodes requested: a percentile the run did not reach is null, shown as "—".</summary>
    public PercentileSummary Ready => Run.Ready;

    public double? FloorP90 => Run.Floor.P90;

    public double? IdleCostPerHour => StoppedPerHour is { } price ? price * Result.WarmPoolSize : null;

    public double? IdleCostPerMonth => IdleCostPerHour * HoursPerMonth;
}
