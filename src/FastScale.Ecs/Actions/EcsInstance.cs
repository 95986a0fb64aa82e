namespace FastScale.Ecs.Actions;

/// <summary>An instance as DescribeInstances reports it; <see cref="Status"/> and <see cref="StoppedMode"/> are ECS's own words.</summary>
public sealed record EcsInstance(
    string InstanceId,
    string Status,
    string? StoppedMode,
    string InstanceType,
    string ZoneId,
    string? ImageId,
    DateTimeOffset? CreationTime,
    IReadOnlyDictionary<string, string> Tags);
