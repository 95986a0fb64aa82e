using FastScale.Burst;
using FastScale.Engine.Policy;

namespace FastScale.Plan;

/// <summary>
/// One row of a plan: a sweep's value (or the scenario alone) and what it computed. Idle cost is what the warm pool
/// costs while it waits, priced as serve's <c>fastscale_warm_pool_idle_cost_per_hour</c> prices it: each instance
/// stopped in economical mode at the group's <c>prices.stoppedPerHour</c> (its disks), each one ECS left in standard
/// mode (KeepCharging, read back from the emulator) at <c>prices.nodePerHour</c>; null when the group has no prices. A
/// month is 730 hours. <see cref="Upstream"/> and <see cref="Naive"/> are the burst's baselines computed on the same
/// world and seed.
/// </summary>
internal sealed record PlanRow(string Label, double? Number, PlanRunResult Result, PricePolicy? Prices, BurstRunResult Upstream, BurstRunResult Naive)
{
    public const double HoursPerMonth = 730;

    public BurstRunResult Run => Result.Run;

    /// <summary>Readiness over the nodes requested: a percentile the run did not reach is null, shown as "—".</summary>
    public PercentileSummary Ready => Run.Ready;

    public double? FloorP90 => Run.Floor.P90;

    public double? IdleCostPerHour => Prices is null ? null
        : ((Result.WarmPoolSize - Result.WarmPoolKeepCharging) * Prices.StoppedPerHour) + (Result.WarmPoolKeepCharging * Prices.NodePerHour);

    public double? IdleCostPerMonth => IdleCostPerHour * HoursPerMonth;
}
