using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.Adapters.Nodes;

public sealed class NodeReadyTests
{
    [Theory]
    [InlineData("True", null, false, true)]
    [InlineData("True", "node.kubernetes.io/not-ready", false, false)]
    [InlineData("True", "example.com/other", false, true)]
    [InlineData("True", null, true, true)]
    [InlineData("False", null, false, false)]
    [InlineData("Unknown", null, false, false)]
    public void IsReady_IsTheReadyConditionTrue_WithoutTheNotReadyTaint_CordonedOrNot(string status, string? taint, bool cordoned, bool ready)
    {
        var node = new Node
        {
            Spec = new NodeSpec { Unschedulable = cordoned, Taints = taint is null ? null : [new Taint { Key = taint, Effect = "NoSchedule" }] },
            Status = new NodeStatus { Conditions = [new NodeCondition { Type = "MemoryPressure", Status = "True" }, new NodeCondition { Type = "Ready", Status = status }] },
        };

        Assert.Equal(ready, NodeReady.IsReady(node));
        Assert.Equal(ready && !cordoned, NodeReady.IsReadyAndSchedulable(node));
    }

    [Fact]
    public void IsReady_WithoutAReadyCondition_IsFalse()
    {
        Assert.False(NodeReady.IsReady(new Node()));
        Assert.Null(NodeReady.Condition(new Node()));
    }
}
