namespace FastScale.Engine.Cloud;

/// <summary>
/// One RunInstances call: identical instances of one type in one zone, tagged as owned by FastScale and with the
/// group's launch-batch number (<see cref="CloudTags.LaunchBatch"/>), so a restarted provider continues above it.
/// <see cref="WarmPool"/> adds the warm-pool tag (<see cref="CloudTags.WarmPool"/>): the instances are for the group's
/// warm pool, not nodes of the group. <see cref="TemplateHash"/> adds the template-hash tag (<see cref="CloudTags.TemplateHash"/>).
/// </summary>
public sealed record LaunchRequest(
    string ClusterId,
    string GroupId,
    string ClientToken,
    string ImageId,
    string InstanceType,
    string ZoneId,
    string VSwitchId,
    string SecurityGroupId,
    int Amount,
    int MinAmount,
    long LaunchBatch = 0,
    bool WarmPool = false)
{
    public const int MaxAmount = 100;

    /// <summary>Written as the <see cref="CloudTags.TemplateHash"/> tag when set; null leaves the tag off (baselines).</summary>
    public string? TemplateHash { get; init; }
}
