namespace FastScale.Engine.Policy;

/// <summary>
/// The ECS actions FastScale paces, and the conservative token buckets they get when the policy does not set them.
/// ECS throttles per account and action; these defaults stay well inside the limits of a fresh account so that a
/// burst never trips throttling on an account shared with other tools. Raise them when the account's quota is known.
/// </summary>
public static class PacingDefaults
{
    public const string RunInstances = "RunInstances";
    public const string StartInstances = "StartInstances";
    public const string StopInstances = "StopInstances";
    public const string DescribeInstances = "DescribeInstances";
    public const string DeleteInstances = "DeleteInstances";

    /// <summary>Every action a policy may pace, in the order the example policy lists them.</summary>
    public static IReadOnlyList<string> Actions { get; } = [RunInstances, StartInstances, StopInstances, DescribeInstances, DeleteInstances];

    /// <summary>
    /// The default bucket for <paramref name="action"/>: DescribeInstances 20 per second, burst 20 (reads are cheap and
    /// the reconciler polls); every other action 10 per second, burst 10 (one RunInstances call creates up to 100 instances,
    /// so 10 calls a second is already 1,000 instances a second).
    /// </summary>
    public static ActionPacing For(string action) => action == DescribeInstances
        ? new ActionPacing { Qps = 20, Burst = 20 }
        : new ActionPacing { Qps = 10, Burst = 10 };
}
