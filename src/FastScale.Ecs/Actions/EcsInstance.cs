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
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The region the instance lives in; empty when the answer left it out.</summary>
    public string RegionId { get; init; } = "";

    /// <summary>ECS's <c>OSType</c>: <c>linux</c> or <c>windows</c>; empty when the answer left it out.</summary>
    public string OSType { get; init; } = "";

    /// <summary>vCPUs of the instance type; 0 when the answer left it out.</summary>
    public int Cpu { get; init; }

    /// <summary>Memory of the instance type in MiB (ECS's <c>Memory</c> field); 0 when the answer left it out.</summary>
    public int MemoryMiB { get; init; }

    /// <summary>The vSwitch (<c>VpcAttributes.VSwitchId</c>); null when the answer left it out.</summary>
    public string? VSwitchId { get; init; }

    private readonly IReadOnlyList<string> _securityGroupIds = Engine.Cloud.EquatableList<string>.Empty;

    /// <summary>The security groups (<c>SecurityGroupIds.SecurityGroupId</c>, compared by value); empty when the answer left them out.</summary>
    public IReadOnlyList<string> SecurityGroupIds
    {
        get => _securityGroupIds;
        init => _securityGroupIds = Engine.Cloud.EquatableList<string>.Of(value);
    }
}
