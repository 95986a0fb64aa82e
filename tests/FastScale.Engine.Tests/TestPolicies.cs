using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests;

/// <summary>Small policies built in code, so engine tests do not depend on the YAML loader.</summary>
internal static class TestPolicies
{
    public static ScalePolicy OneGroup(int maxSize = 1000, int minSize = 0, params string[] instanceTypes) => new()
    {
        ClusterId = "test",
        Region = "cn-hangzhou",
        NodeGroups = [Group("g1", minSize, maxSize, instanceTypes)],
    };

    public static NodeGroupPolicy Group(string id, int minSize = 0, int maxSize = 1000, params string[] instanceTypes) => new()
    {
        Id = id,
        MinSize = minSize,
        MaxSize = maxSize,
        ImageId = "m-test",
        InstanceTypes = instanceTypes.Length > 0 ? [.. instanceTypes] : ["ecs.g7.large"],
        Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-h", VSwitchId = "vsw-h" }, new ZonePolicy { ZoneId = "cn-hangzhou-i", VSwitchId = "vsw-i" }],
        SecurityGroupId = "sg-test",
        Resources = new NodeResources { Cpu = "2", Memory = "8Gi", Pods = "110", EphemeralStorage = "40Gi" },
        Reserved = new NodeResources { Cpu = "100m", Memory = "512Mi" },
    };
}
