namespace FastScale.Engine.Cloud;

/// <summary>One RunInstances call: identical instances of one type in one zone, tagged as owned by FastScale.</summary>
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
    int MinAmount)
{
    public const int MaxAmount = 100;
}
