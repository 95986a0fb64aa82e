namespace FastScale.Simulation.Nodes;

/// <summary>
/// One instance as the kubelet simulation sees it, with the moments (on the injected clock) of each step. Times are
/// null until the step happened. <see cref="RunningSeenAt"/> is when a poll first saw the instance Running, so it
/// trails the cloud's own transition by up to one poll interval.
/// </summary>
public sealed record SimulatedNodeInfo(
    string InstanceId,
    string NodeName,
    string GroupId,
    SimulatedNodePhase Phase,
    bool NodeExists,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? RunningSeenAt,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? StoppedAt);
