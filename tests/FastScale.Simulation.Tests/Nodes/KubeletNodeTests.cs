using FastScale.Ecs.Actions;
using FastScale.Engine.Policy;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>The Node a kubelet registers, from the instance ECS describes and the group's kubelet flags.</summary>
public sealed class KubeletNodeTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_CapacityFromTheMachine_ReservedLowersAllocatable_AsAKubeletWritesIt()
    {
        var config = KubeletConfig.For(Group(resources: new NodeResources { Cpu = "99", Memory = "1Ti", Pods = "64", EphemeralStorage = "40Gi" },
            reserved: new NodeResources { Cpu = "150m", Memory = "1Gi", EphemeralStorage = "1G" }));

        var node = KubeletNode.Build("i-1", Machine("ecs.g7.large", cpu: 2, memoryMiB: 8192), config, "cn-hangzhou", Now);

        // cpu and memory are the machine's, whatever the policy declares; pods and the disk are the flags'.
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "8388608Ki", ["pods"] = "64", ["ephemeral-storage"] = "41943040Ki" }, node.Status!.Capacity);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "1850m", ["memory"] = "7340032Ki", ["pods"] = "64", ["ephemeral-storage"] = "41949672960" }, node.Status!.Allocatable);
    }

    [Fact]
    public void Build_LabelsFromTheMachineAndTheFlags_TaintsRegisteredWithNotReady()
    {
        var group = Group(new NodeResources { Pods = "110" }, new NodeResources());
        group.Labels["team"] = "web";
        group.Taints.Add(new TaintPolicy { Key = "dedicated", Value = "web", Effect = "NoSchedule" });

        var node = KubeletNode.Build("i-x", Machine("ecs.g8y.large", cpu: 2, memoryMiB: 8192) with { RegionId = "" }, KubeletConfig.For(group), "cn-hangzhou", Now);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "arm64",
                ["kubernetes.io/hostname"] = "i-x",
                ["node.kubernetes.io/instance-type"] = "ecs.g8y.large",
                ["topology.kubernetes.io/region"] = "cn-hangzhou",
                ["topology.kubernetes.io/zone"] = "cn-hangzhou-i",
                ["fastscale.io/node-group"] = "g1",
                ["team"] = "web",
            },
            node.Metadata!.Labels);
        Assert.Equal("cn-hangzhou.i-x", node.Spec!.ProviderId);
        Assert.Equal(["dedicated=web:NoSchedule", "node.kubernetes.io/not-ready=:NoSchedule"], node.Spec.Taints!.Select(t => $"{t.Key}={t.Value}:{t.Effect}"));
    }

    private static NodeGroupPolicy Group(NodeResources resources, NodeResources reserved) =>
        new() { Id = "g1", InstanceTypes = ["ecs.g7.large"], Resources = resources, Reserved = reserved };

    private static EcsInstance Machine(string type, int cpu, int memoryMiB) =>
        new("i-x", "Running", null, type, "cn-hangzhou-i", "m-1", null, new Dictionary<string, string>())
        {
            RegionId = "cn-hangzhou",
            OSType = "linux",
            Cpu = cpu,
            MemoryMiB = memoryMiB,
        };
}
