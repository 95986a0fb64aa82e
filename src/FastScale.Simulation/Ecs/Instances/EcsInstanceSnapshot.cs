namespace FastScale.Simulation.Ecs.Instances;

/// <summary>An emulated instance as seen at one moment, for in-process readers (load tests, simulators).</summary>
public sealed record EcsInstanceSnapshot(
    string InstanceId,
    string Status,
    string StoppedMode,
    string InstanceType,
    string ZoneId,
    string ImageId,
    string PrivateIp,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RunningAt,
    IReadOnlyList<KeyValuePair<string, string>> Tags);
