using FastScale.Engine.Policy;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>Two groups: "general" (ecs.g7.large: 2 cpu, no taint) and "gpu" (ecs.gn6i-c4g1.xlarge: 4 cpu, tainted
/// dedicated=gpu:NoSchedule, label accel=gpu).</summary>
internal static class TestPolicy
{
    public const string ClusterId = "test-cluster";
    public const string Region = "cn-hangzhou";
    public const string GeneralType = "ecs.g7.large";
    public const string GpuType = "ecs.gn6i-c4g1.xlarge";

    public static ScalePolicy Create() => new()
    {
        ClusterId = ClusterId,
        Region = Region,
        NodeGroups =
        [
            Group("general", GeneralType, "2", new Dictionary<string, string> { ["workload"] = "general" }, []),
            Group("gpu", GpuType, "4", new Dictionary<string, string> { ["accel"] = "gpu" }, [new TaintPolicy { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }]),
        ],
    };

    private static NodeGroupPolicy Group(string id, string type, string cpu, Dictionary<string, string> labels, List<TaintPolicy> taints) => new()
    {
        Id = id,
        MaxSize = 100,
        ImageId = "m-test-image",
        ImageKind = "prebaked",
        InstanceTypes = [type],
        Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-h", VSwitchId = "vsw-test" }],
        SecurityGroupId = "sg-test",
        Labels = labels,
        Taints = taints,
        Resources = new NodeResources { Cpu = cpu, Memory = "8Gi", Pods = "110" },
    };
}
