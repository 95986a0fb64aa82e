namespace FastScale.Engine.Cloud;

/// <summary>
/// An instance as the cloud reports it. <see cref="GroupId"/> comes from its ownership tags; <see cref="LaunchBatch"/>
/// from the launch-batch tag (null on instances launched before that tag existed or by someone else); <see cref="WarmPool"/>
/// from the warm-pool tag (<see cref="CloudTags.WarmPool"/>): the instance was created for the group's warm pool;
/// <see cref="StoppedMode"/> how a stopped instance is billed, as the cloud applied it (which may not be what was asked).
/// Image, vSwitch and security groups are the cloud's own facts, read so drift can be judged without the template-hash tag.
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
    CloudStoppedMode StoppedMode = CloudStoppedMode.NotApplicable)
{
    /// <summary>The image it was created from; null when the cloud's answer left it out.</summary>
    public string? ImageId { get; init; }

    /// <summary>The vSwitch it joined; null when the cloud's answer left it out.</summary>
    public string? VSwitchId { get; init; }

    private readonly IReadOnlyList<string> _securityGroupIds = EquatableList<string>.Empty;

    /// <summary>The security groups it is in (compared by value); empty when the cloud's answer left them out.</summary>
    public IReadOnlyList<string> SecurityGroupIds { get => _securityGroupIds; init => _securityGroupIds = EquatableList<string>.Of(value); }

    /// <summary>The template-hash tag (<see cref="CloudTags.TemplateHash"/>); null on instances launched before it existed.</summary>
    public string? TemplateHash { get; init; }
}
