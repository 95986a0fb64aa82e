using FastScale.Engine.Policy;

namespace FastScale.Engine.Launch;

/// <summary>
/// Up to 100 instances of one group, to be created under one launch-batch number; with <see cref="WarmPool"/>, for the
/// group's warm pool (tagged so, and never nodes of the group until a scale-out takes them).
/// </summary>
public sealed record LaunchBatch(
    string ClusterId, NodeGroupPolicy Group, long Number, int Amount, ApiPriority Priority = ApiPriority.ScaleOut, bool WarmPool = false);
