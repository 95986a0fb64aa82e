using FastScale.Engine.Cloud;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// One warm-pool instance. <see cref="Since"/> is when it entered <see cref="State"/> (for a Warming instance: when it
/// was first seen Running). Type and zone are known once the cloud has described it; a start refused for stock marks
/// that offering unavailable for the cold launches that take its slot. <see cref="KeepsCharging"/>: the cloud stopped
/// it in standard mode although economical mode was asked for, so it is billed as if running. <see cref="Joining"/>: it
/// was let join the cluster before parking (<see cref="WarmNodeParking"/>), so its Node stays registered while it is
/// stopped and a warm start skips registration.
/// </summary>
internal sealed record WarmInstance(
    string InstanceId, WarmInstanceState State, DateTimeOffset Since, string? InstanceType = null, string? ZoneId = null, bool KeepsCharging = false,
    bool Joining = false)
{
    /// <summary>
    /// What it was launched with, for drift: a warm instance drifts like a node (and is cheaper to replace in the pool
    /// than after it is started); it keeps this origin when a scale-out takes it into the group.
    /// </summary>
    public InstanceOrigin? Origin { get; init; }
}
