using FastScale.Engine.Policy;

namespace FastScale.Engine.Launch;

/// <summary>Up to 100 instances of one group, to be created under one launch-batch number.</summary>
public sealed record LaunchBatch(string ClusterId, NodeGroupPolicy Group, long Number, int Amount, ApiPriority Priority = ApiPriority.ScaleOut);
