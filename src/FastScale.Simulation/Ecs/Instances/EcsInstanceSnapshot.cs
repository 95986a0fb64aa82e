namespace FastScale.Simulation.Ecs.Instances;

/// <summary>
/// An emulated instance as seen at one moment, for in-process readers (load tests, simulators). <see cref="Latency"/>
/// holds the model's samples for its latest launch (RunInstances or StartInstances).
/// </summary>
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
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    InstanceLatency Latency);
