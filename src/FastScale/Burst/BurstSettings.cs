using FastScale.Baselines;
using FastScale.Engine.Policy;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Burst;

/// <summary>
/// What every run of a burst shares: the policy, the latency profile, the seed, how fast emulated time runs, the
/// upstream baseline's model (null: the compiled-in one), the cluster's tempo (null: <see cref="BurstTempo.Instant"/>) and
/// the lifetime of RRSA credentials when the provider signs with RRSA (null: the emulator's AccessKey), and the text
/// <see cref="Policy"/> was loaded from (null: the embedded sample), which a rollout scenario edits into the policy file
/// its provider reloads.
/// </summary>
internal sealed record BurstSettings(
    ScalePolicy Policy, LatencyProfile Profile, int Seed, double TimeScale, UpstreamModel? Upstream = null, BurstTempo? Tempo = null,
    TimeSpan? RrsaLifetime = null, string? PolicyText = null)
{
    public UpstreamModel UpstreamModel => Upstream ?? UpstreamModel.LoadEmbedded();

    public BurstTempo ClusterTempo => Tempo ?? BurstTempo.Instant;
}
