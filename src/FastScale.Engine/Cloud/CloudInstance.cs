namespace FastScale.Engine.Cloud;

/// <summary>An instance as the cloud reports it. <see cref="GroupId"/> comes from its ownership tags.</summary>
public sealed record CloudInstance(
    string InstanceId,
    string GroupId,
    string InstanceType,
    string ZoneId,
    CloudInstanceStatus Status,
    DateTimeOffset CreatedAt);
