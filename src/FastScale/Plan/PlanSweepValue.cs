using FastScale.Baselines;
using FastScale.Engine.Policy;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Plan;

/// <summary>
/// One value of a sweep: its label as given, its number when it has one (for the chart), the policy it runs with and
/// the latency profile it runs against, and the upstream baseline's model (each unchanged unless the swept parameter is theirs).
/// </summary>
internal sealed record PlanSweepValue(string Label, double? Number, Func<ScalePolicy, ScalePolicy> Apply)
{
    public Func<LatencyProfile, LatencyProfile> ApplyProfile { get; init; } = static p => p;

    public Func<UpstreamModel, UpstreamModel> ApplyUpstream { get; init; } = static m => m;
}
