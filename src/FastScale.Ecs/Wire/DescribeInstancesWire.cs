namespace FastScale.Ecs.Wire;

internal sealed record DescribeInstancesWire(string? RequestId, string? NextToken, DescribeInstancesWire.InstanceList? Instances) : IEcsAnswer
{
    internal sealed record InstanceList(List<Instance>? Instance);

    internal sealed record Instance(
        string? InstanceId,
        string? RegionId,
        string? Status,
        string? StoppedMode,
        string? InstanceType,
        string? ZoneId,
        string? ImageId,
        string? CreationTime,
        string? OSType,
        int? Cpu,
        int? Memory,
        TagList? Tags,
        SecurityGroupList? SecurityGroupIds,
        VpcAttributeSet? VpcAttributes);

    internal sealed record TagList(List<Tag>? Tag);

    internal sealed record SecurityGroupList(List<string>? SecurityGroupId);

    internal sealed record VpcAttributeSet(string? VpcId, string? VSwitchId);

    internal sealed record Tag(string? TagKey, string? TagValue);
}
