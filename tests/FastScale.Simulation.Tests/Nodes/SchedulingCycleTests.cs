using FastScale.Kubernetes.Models;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

public sealed class SchedulingCycleTests
{
    [Fact]
    public void Plan_PacksPodsIntoRoom_AndExplainsTheRest()
    {
        Node[] nodes = [Node("a", ready: true), Node("b", ready: true), Node("c", ready: false)];
        var pods = Enumerable.Range(0, 5).Select(i => PodFitTests.Pod("1", name: $"p{i}")).ToList();

        var plan = SchedulingCycle.Plan(nodes, pods, new Dictionary<string, string>(), PodDemand.Of, "default-scheduler");

        Assert.Equal(["a", "a", "b", "b"], plan.Bindings.Select(b => b.NodeName));
        var (pod, message) = Assert.Single(plan.Unschedulable);
        Assert.Equal("p4", pod.Metadata!.Name);
        Assert.Equal("0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu.", message);
    }

    [Fact]
    public void Plan_BoundAndAssumedPodsTakeRoom_TerminalOnesDoNot()
    {
        var bound = PodFitTests.Pod("1", name: "bound") with { Spec = PodFitTests.Pod("1").Spec! with { NodeName = "a" } };
        var done = PodFitTests.Pod("1", name: "done") with { Spec = PodFitTests.Pod("1").Spec! with { NodeName = "a" }, Status = new PodStatus { Phase = "Succeeded" } };
        var assumed = PodFitTests.Pod("1", name: "assumed");
        var pending = PodFitTests.Pod("1", name: "pending");

        var plan = SchedulingCycle.Plan([Node("a", ready: true)], [bound, done, assumed, pending], new Dictionary<string, string> { ["default/assumed"] = "a" }, PodDemand.Of, "default-scheduler");

        Assert.Empty(plan.Bindings);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", Assert.Single(plan.Unschedulable).Message);
    }

    [Fact]
    public void Plan_NoNodes_SaysSo() =>
        Assert.Equal("no nodes available to schedule pods", Assert.Single(SchedulingCycle.Plan([], [PodFitTests.Pod("1")], new Dictionary<string, string>(), PodDemand.Of, "default-scheduler").Unschedulable).Message);

    [Fact]
    public void Plan_OtherSchedulersPods_AreLeftAlone()
    {
        var pod = PodFitTests.Pod("1") with { Spec = PodFitTests.Pod("1").Spec! with { SchedulerName = "someone-else" } };

        var plan = SchedulingCycle.Plan([Node("a", ready: true)], [pod], new Dictionary<string, string>(), PodDemand.Of, "default-scheduler");

        Assert.Empty(plan.Bindings);
        Assert.Empty(plan.Unschedulable);
    }

    [Fact]
    public void Plan_ThousandNodesTenThousandPods_PlacesEveryPodThatFits()
    {
        var nodes = Enumerable.Range(0, 1000).Select(i => Node($"n{i:0000}", ready: true)).ToList();
        var pods = Enumerable.Range(0, 10_000).Select(i => PodFitTests.Pod(i % 2 == 0 ? "500m" : "1", name: $"p{i:00000}")).ToList();

        var plan = SchedulingCycle.Plan(nodes, pods, new Dictionary<string, string>(), PodDemand.Of, "default-scheduler");

        // 1,000 nodes × 2 cpu = 2,000 cpu; the first pods in name order alternate 0.5 and 1 cpu.
        Assert.Equal(10_000, plan.Bindings.Count + plan.Unschedulable.Count);
        var used = plan.Bindings.GroupBy(b => b.NodeName).Select(g => g.Sum(b => PodDemand.Of(b.Pod).Requests["cpu"]));
        Assert.All(used, cpu => Assert.True(cpu <= 2m));
        Assert.True(plan.Bindings.Count >= 2600, $"only {plan.Bindings.Count} placed");
    }

    private static Node Node(string name, bool ready) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string>() },
        Spec = new NodeSpec { Taints = ready ? [] : [new Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoSchedule" }] },
        Status = new NodeStatus
        {
            Allocatable = new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "8Gi", ["pods"] = "110" },
            Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };
}
