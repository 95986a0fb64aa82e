using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Grpc.CloudProvider;
using Google.Protobuf;
using K8sNode = FastScale.Grpc.Protos.K8s.Core.Node;

namespace FastScale.Grpc.Tests.CloudProvider;

public sealed class TemplateNodeEncoderTests
{
    private static readonly ScalePolicy Policy = new() { ClusterId = "c", Region = "cn-hangzhou" };

    private static NodeGroupPolicy Group() => new()
    {
        Id = "gpu",
        MaxSize = 10,
        InstanceTypes = ["ecs.gn7i-c8g1.2xlarge", "ecs.gn6i-c4g1.xlarge"],
        Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-k", VSwitchId = "vsw-k" }],
        Labels = new() { ["accelerator"] = "a10" },
        Taints = [new TaintPolicy { Key = "nvidia.com/gpu", Value = "present", Effect = "NoSchedule" }],
        Resources = new NodeResources { Cpu = "8", Memory = "30Gi", Pods = "64", EphemeralStorage = "100Gi", Extended = new() { ["nvidia.com/gpu"] = "1" } },
        Reserved = new NodeResources { Cpu = "250m", Memory = "1536Mi", Pods = "4" },
    };

    [Fact]
    public void TemplateBytes_RoundTripAsAKubernetesNode_WithLabelsTaintsCapacityAndAllocatable()
    {
        var template = NodeTemplateBuilder.Build(Policy, Group());

        var node = K8sNode.Parser.ParseFrom(TemplateNodeEncoder.EncodeBytes(template));

        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("amd64", node.Metadata.Labels["kubernetes.io/arch"]);
        Assert.Equal("ecs.gn7i-c8g1.2xlarge", node.Metadata.Labels["node.kubernetes.io/instance-type"]);
        Assert.Equal("cn-hangzhou", node.Metadata.Labels["topology.kubernetes.io/region"]);
        Assert.Equal("cn-hangzhou-k", node.Metadata.Labels["topology.kubernetes.io/zone"]);
        Assert.Equal("a10", node.Metadata.Labels["accelerator"]);
        var taint = Assert.Single(node.Spec.Taints);
        Assert.Equal(("nvidia.com/gpu", "present", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
        Assert.Equal("8", node.Status.Capacity["cpu"].String);
        Assert.Equal("7750m", node.Status.Allocatable["cpu"].String);
        Assert.Equal("30Gi", node.Status.Capacity["memory"].String);
        Assert.Equal("29184Mi", node.Status.Allocatable["memory"].String);
        Assert.Equal("60", node.Status.Allocatable["pods"].String);
        Assert.Equal("100Gi", node.Status.Capacity["ephemeral-storage"].String);
        Assert.Equal("1", node.Status.Capacity["nvidia.com/gpu"].String);
        Assert.Equal("1", node.Status.Allocatable["nvidia.com/gpu"].String);
    }

    [Fact]
    public void TemplateBytes_UseKubernetesFieldNumbers()
    {
        var template = NodeTemplateBuilder.Build(Policy, Group());
        var bytes = TemplateNodeEncoder.EncodeBytes(template).ToByteArray();

        // Node.metadata is field 1 (length-delimited: tag 0x0a); ObjectMeta.name is its field 1 too.
        Assert.Equal(0x0a, bytes[0]);
        var reader = new CodedInputStream(bytes);
        var fields = new List<int>();
        uint tag;
        while ((tag = reader.ReadTag()) != 0)
        {
            fields.Add(WireFormat.GetTagFieldNumber(tag));
            reader.SkipLastField();
        }

        Assert.Equal([1, 2, 3], fields);
    }

    [Theory]
    [InlineData("ecs.g8y.large", "arm64")]
    [InlineData("ecs.c8y.xlarge", "arm64")]
    [InlineData("ecs.g7.large", "amd64")]
    [InlineData("ecs.gn7i-c8g1.2xlarge", "amd64")]
    public void Architecture_FollowsTheInstanceFamily(string instanceType, string arch) =>
        Assert.Equal(arch, NodeTemplateBuilder.ArchitectureOf(instanceType));
}
