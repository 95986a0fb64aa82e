using FastScale.Engine.Cloud;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// How a warm-tagged instance found in the cloud is read. The warm-pool tag is set at creation and never removed (the
/// cloud interface has no tag update), so a taken instance keeps it; the status tells the two apart, as far as it can.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Pending: created and not yet booted. A taken instance starts from Stopped and never reads Pending: pool, Creating.</item>
/// <item>Stopping or Stopped: pool (Stopping, then Ready). Nodes are not stopped by us; one stopped by hand joins the pool.</item>
/// <item>Starting or Running: taken into the group, or caught during its first boot (warm-up) when the provider died.
/// The two cannot be told apart from the cloud, and the costs are not alike: stopping a taken instance kills a node
/// with its pods, while adopting a warming one costs one extra node, which the autoscaler scales down when it is not
/// needed (and the pool refills behind it). So these are adopted into the group. Precise reading would need the tag
/// removed at take time (ECS UntagResources), which the cloud interface does not offer today.</item>
/// </list>
/// </remarks>
internal static class WarmPoolRecovery
{
    /// <summary>The pool state a warm-tagged instance recovers into, or null when it belongs to the group.</summary>
    public static WarmInstanceState? RecoveredStateOf(CloudInstanceStatus status) => status switch
    {
        CloudInstanceStatus.Pending => WarmInstanceState.Creating,
        CloudInstanceStatus.Stopping => WarmInstanceState.Stopping,
        CloudInstanceStatus.Stopped => WarmInstanceState.Ready,
        CloudInstanceStatus.Starting or CloudInstanceStatus.Running => null,
        _ => null,
    };

    /// <summary>The pool state of an instance the pool itself is watching (so a Running one is warming, not taken).</summary>
    public static WarmInstanceState PoolStateOf(CloudInstanceStatus status) => status switch
    {
        CloudInstanceStatus.Running => WarmInstanceState.Warming,
        CloudInstanceStatus.Stopping => WarmInstanceState.Stopping,
        CloudInstanceStatus.Stopped => WarmInstanceState.Ready,
        CloudInstanceStatus.Pending or CloudInstanceStatus.Starting => WarmInstanceState.Creating,
        _ => WarmInstanceState.Creating,
    };
}
