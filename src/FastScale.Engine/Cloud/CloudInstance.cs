namespace FastScale.Engine.Cloud;

/// <summary>
/// An instance as the cloud reports it. <see cref="GroupId"/> comes from its ownership tags; <see cref="LaunchBatch"/>
/// from the launch-batch tag (null on instances launched before that tag existed or by someone else).
/// </summary>
public sealed record CloudInstance(
    string InstanceId,
    string GroupId,
    string InstanceType,
    string ZoneId,
    CloudInstanceStatus Status,
    DateTimeOffset CreatedAt,
    long? LaunchBatch = null);
