namespace FastScale.Engine.Cloud;

/// <summary>
/// An instance as the cloud reports it. <see cref="GroupId"/> comes from its ownership tags; <see cref="LaunchBatch"/>
/// from the launch-batch tag (null on instances launched before that tag existed or by someone else); <see cref="WarmPool"/>
/// from the warm-pool tag (<see cref="CloudTags.WarmPool"/>): the instance was created for the group's warm pool;
/// <see cref="StoppedMode"/> how a stopped instance is billed, as the cloud applied it (which may not be what was asked).
/// </summary>
public sealed record CloudInstance(
    string InstanceId,
    string GroupId,
    string InstanceType,
    string ZoneId,
    CloudInstanceStatus Status,
    DateTimeOffset CreatedAt,
    long? LaunchBatch = null,
    bool WarmPool = false,
    CloudStoppedMode StoppedMode = CloudStoppedMode.NotApplicable);
