using FastScale.Baselines;
using FastScale.Engine.Policy;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Plan;

/// <summary>
/// What every run of a plan shares: the policy (already changed by a sweep's value), the latency profile, the seed, and
/// the upstream baseline's model (null: the compiled-in one).
/// </summary>
internal sealed record PlanSettings(ScalePolicy Policy, LatencyProfile Profile, int Seed, UpstreamModel? Upstream = null)
{
    public UpstreamModel UpstreamModel => Upstream ?? UpstreamModel.LoadEmbedded();

    /// <summary>The account is not granted economical mode: ECS stops pool instances in KeepCharging (see
    /// <see cref="Simulation.Ecs.EcsEmulatorOptions.EconomicalModeUnavailable"/>).</summary>
    public bool EconomicalModeUnavailable { get; init; }
}
