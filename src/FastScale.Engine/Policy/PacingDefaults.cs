using FastScale.Engine.Cloud;

namespace FastScale.Engine.Policy;

/// <summary>
/// The conservative token buckets the ECS actions get when the policy does not set them. ECS throttles per account and
/// action; these defaults stay well inside the limits of a fresh account so that a burst never trips throttling on an
/// account shared with other tools. Raise them when the account's quota is known.
/// </summary>
public static class PacingDefaults
{
    /// <summary>
    /// The default bucket for <paramref name="action"/>: DescribeInstances 20 per second, burst 20 (reads are cheap and
    /// the reconciler polls); every other action 10 per second, burst 10 (one RunInstances call creates up to 100 instances,
    /// so 10 calls a second is already 1,000 instances a second).
    /// </summary>
    public static ActionPacing For(CloudAction action) => action == CloudAction.DescribeInstances
        ? new ActionPacing { Qps = 20, Burst = 20 }
        : new ActionPacing { Qps = 10, Burst = 10 };
}
