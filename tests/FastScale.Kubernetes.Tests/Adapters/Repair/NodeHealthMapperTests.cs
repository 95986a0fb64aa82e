using FastScale.Engine.Repair;
using FastScale.Kubernetes.Adapters.Repair;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Repair;

public sealed class NodeHealthMapperTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Changed = Created.AddMinutes(3);

    [Theory]
    [InlineData("True", NodeReadiness.Ready)]
    [InlineData("False", NodeReadiness.NotReady)]
    [InlineData("Unknown", NodeReadiness.Unknown)]
    [InlineData("garbage", NodeReadiness.Unknown)]
    public void Map_ReadsTheReadyConditionAndItsTransitionTime(string status, NodeReadiness expected)
    {
        var health = NodeHealthMapper.Map(NodeObjects.WithReady("n1", status, Changed));

        Assert.Equal(new NodeHealth("n1", expected, Changed), health);
    }

    [Fact]
    public void Map_ReadyConditionButStillTaintedNotReady_IsNotReady()
    {
        var node = NodeObjects.WithReady("n1", "True", Changed) with
        {
            Spec = new NodeSpec { Taints = [new Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoSchedule" }] },
        };

        Assert.Equal(new NodeHealth("n1", NodeReadiness.NotReady, Changed), NodeHealthMapper.Map(node));
    }

    [Fact]
    public void Map_IgnoresOtherConditions()
    {
        var node = NodeObjects.WithConditions("n1",
            new NodeCondition { Type = "MemoryPressure", Status = "True", LastTransitionTime = Created },
            new NodeCondition { Type = "Ready", Status = "False", LastTransitionTime = Changed });

        Assert.Equal(new NodeHealth("n1", NodeReadiness.NotReady, Changed), NodeHealthMapper.Map(node));
    }

    [Fact]
    public void Map_WithoutAReadyCondition_IsUnknownSinceTheNodeWasCreated()
    {
        var node = NodeObjects.WithConditions("n1", new NodeCondition { Type = "DiskPressure", Status = "False", LastTransitionTime = Changed }) with
        {
            Metadata = new ObjectMeta { Name = "n1", CreationTimestamp = Created },
        };

        Assert.Equal(new NodeHealth("n1", NodeReadiness.Unknown, Created), NodeHealthMapper.Map(node));
        Assert.Equal(new NodeHealth("", NodeReadiness.Unknown, null), NodeHealthMapper.Map(new Node()));
    }

    [Fact]
    public void Map_UnschedulableNode_IsCordoned_WithOrWithoutAReadyCondition()
    {
        var node = NodeObjects.WithReady("n1", "Unknown", Changed) with { Spec = new NodeSpec { Unschedulable = true } };
        var bare = new Node { Metadata = new ObjectMeta { Name = "n2", CreationTimestamp = Created }, Spec = new NodeSpec { Unschedulable = true } };

        Assert.Equal(new NodeHealth("n1", NodeReadiness.Unknown, Changed, Cordoned: true), NodeHealthMapper.Map(node));
        Assert.Equal(new NodeHealth("n2", NodeReadiness.Unknown, Created, Cordoned: true), NodeHealthMapper.Map(bare));
        Assert.False(NodeHealthMapper.Map(NodeObjects.WithReady("n3", "True", Changed)).Cordoned);
    }
}
