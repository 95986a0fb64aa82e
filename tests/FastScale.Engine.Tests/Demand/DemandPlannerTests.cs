using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using static FastScale.Engine.Tests.Demand.DemandFixtures;

namespace FastScale.Engine.Tests.Demand;

public sealed class DemandPlannerTests
{
    [Fact]
    public void Plan_PacksPodsOntoTheTemplate_ThreeOf600mPerNodeOf1900m()
    {
        var plan = DemandPlanner.Plan(Pods(7, cpuMillis: 600), [Group("g1")]);

        var increase = Assert.Single(plan.Increases);
        Assert.Equal(("g1", 3, 7), (increase.GroupId, increase.NewNodes, increase.PodsPlaced));
        Assert.Equal([3, 3, 1], plan.Nodes.Select(n => n.Pods.Count));
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void Plan_SubtractsDaemonSetOverhead_FromTheRoomForPods()
    {
        var group = Group("g1", configure: g => g.DaemonSetOverhead = new NodeResources { Cpu = "150m" });

        var plan = DemandPlanner.Plan(Pods(6, cpuMillis: 600), [group]);

        Assert.Equal(3, plan.NewNodes("g1"));
        Assert.All(plan.Nodes, n => Assert.Equal(2, n.Pods.Count));
    }

    [Fact]
    public void Plan_PacksLargestFirst()
    {
        IReadOnlyList<PendingPod> pods = [Pod("small-1", 400), Pod("big", 1500), Pod("small-2", 400), Pod("mid", 1000), Pod("small-3", 400)];

        var plan = DemandPlanner.Plan(pods, [Group("g1")]);

        // 1900m per node: big+small, mid+small+small. First fit in input order would need three nodes.
        Assert.Equal(2, plan.NewNodes("g1"));
        Assert.Equal(["big", "small-1"], plan.Nodes[0].Pods.Select(p => p.Name));
    }

    [Fact]
    public void Plan_FillsComingNodesFirst_AndAsksForNothingMore()
    {
        var plan = DemandPlanner.Plan(Pods(6, cpuMillis: 600), [Group("g1", target: 2, coming: 2)]);

        var increase = Assert.Single(plan.Increases);
        Assert.Equal((0, 6, 6, 2), (increase.NewNodes, increase.PodsPlaced, increase.PodsOnComingNodes, increase.ComingNodes));
        Assert.All(plan.Nodes, n => Assert.True(n.Coming));
    }

    [Fact]
    public void Plan_UsesComingNodesOfALaterGroup_WhenThePreferredGroupIsFull()
    {
        var plan = DemandPlanner.Plan(Pods(3, cpuMillis: 600), [Group("first", maxSize: 3, target: 3), Group("second", target: 1, coming: 1)]);

        Assert.Equal(0, plan.NewNodes("second"));
        Assert.Equal(("second", 3), (Assert.Single(plan.Increases).GroupId, plan.Increases[0].PodsOnComingNodes));
    }

    [Fact]
    public void Plan_PrefersGroupsInPolicyOrder_AndSpillsOverAtMax()
    {
        var plan = DemandPlanner.Plan(Pods(9, cpuMillis: 600), [Group("first", maxSize: 5, target: 4), Group("second")]);

        Assert.Equal(1, plan.NewNodes("first"));
        Assert.Equal(2, plan.NewNodes("second"));
    }

    [Fact]
    public void Plan_NeverGoesAboveMax_AndReportsThePodsLeft()
    {
        var plan = DemandPlanner.Plan(Pods(9, cpuMillis: 600), [Group("g1", maxSize: 10, target: 9)]);

        Assert.Equal(1, plan.NewNodes("g1"));
        Assert.Equal(6, plan.Unplaced.Count);
        Assert.All(plan.Unplaced, u =>
        {
            Assert.Equal(UnplacedReason.GroupAtMax, u.Kind);
            Assert.StartsWith("group g1 at max 10", u.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Plan_PodTooLargeForEveryGroup_NamesTheLargestAllocatable()
    {
        var big = Group("big", configure: g => g.Resources = new NodeResources { Cpu = "8", Memory = "32Gi", Pods = "110" });

        var plan = DemandPlanner.Plan([Pod("huge", cpuMillis: 64_000)], [Group("g1"), big]);

        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal(UnplacedReason.TooLarge, unplaced.Kind);
        Assert.Equal("requests 64 cpu, largest allocatable is 7.9", unplaced.Reason);
    }

    [Fact]
    public void Plan_NodeSelectorNoGroupHas_IsReported()
    {
        var pod = Pod("ssd", nodeSelector: new Dictionary<string, string> { ["disktype"] = "ssd" });

        var unplaced = Assert.Single(DemandPlanner.Plan([pod], [Group("g1"), GpuGroup()]).Unplaced);

        Assert.Equal((UnplacedReason.NoMatchingGroup, "no group matches nodeSelector disktype=ssd"), (unplaced.Kind, unplaced.Reason));
    }

    [Fact]
    public void Plan_NodeSelectorOnAGroupLabel_PicksThatGroup()
    {
        var pod = Pod("gpu-class", nodeSelector: new Dictionary<string, string> { ["workload.fastscale.io/class"] = "gpu" }, tolerations: [TolerateGpu]);

        var plan = DemandPlanner.Plan([pod], [Group("g1"), GpuGroup()]);

        Assert.Equal("gpu", Assert.Single(plan.Increases).GroupId);
    }

    [Fact]
    public void Plan_RequiredAffinity_IsHonoured()
    {
        var notGeneral = new NodeSelectorTerm([new NodeSelectorRequirement("fastscale.io/node-group", NodeSelectorOperator.NotIn, ["g1"])]);

        var plan = DemandPlanner.Plan([Pod("a", affinity: [notGeneral], tolerations: [TolerateGpu])], [Group("g1"), GpuGroup()]);

        Assert.Equal("gpu", Assert.Single(plan.Increases).GroupId);
    }

    [Fact]
    public void Plan_GpuPodWithoutToleration_IsReportedWithTheTaint()
    {
        var plan = DemandPlanner.Plan([Pod("gpu-pod", extended: Gpus(1))], [Group("g1"), GpuGroup()]);

        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal((UnplacedReason.UntoleratedTaint, "untolerated taint nvidia.com/gpu=present:NoSchedule on group gpu"), (unplaced.Kind, unplaced.Reason));
    }

    [Fact]
    public void Plan_GpuPodWithToleration_GetsOneNodePerGpu()
    {
        IReadOnlyList<PendingPod> pods = [Pod("a", extended: Gpus(1), tolerations: [TolerateGpu]), Pod("b", extended: Gpus(1), tolerations: [TolerateGpu])];

        var plan = DemandPlanner.Plan(pods, [Group("g1"), GpuGroup()]);

        Assert.Equal(2, plan.NewNodes("gpu"));
        Assert.Equal(0, plan.NewNodes("g1"));
    }

    [Fact]
    public void Plan_GpuGroupAtMax_SaysSo()
    {
        var plan = DemandPlanner.Plan([Pod("a", extended: Gpus(1), tolerations: [TolerateGpu])], [Group("g1"), GpuGroup(maxSize: 10, target: 10)]);

        Assert.Equal("group gpu at max 10 (target 10, 0 more planned)", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void Plan_ExtendedResourceNoGroupOffers_IsReported()
    {
        var plan = DemandPlanner.Plan([Pod("fpga", extended: new Dictionary<string, long> { ["example.com/fpga"] = 1 })], [Group("g1")]);

        Assert.Equal("requests 1 example.com/fpga, which no suitable group offers", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void Plan_PreferNoScheduleTaint_DoesNotBlock()
    {
        var soft = Group("soft", configure: g => g.Taints.Add(new TaintPolicy { Key = "spot", Value = "true", Effect = "PreferNoSchedule" }));

        Assert.Equal(1, DemandPlanner.Plan([Pod("a")], [soft]).NewNodes("soft"));
    }

    [Fact]
    public void Plan_NoExecuteTaint_Blocks()
    {
        var hard = Group("hard", configure: g => g.Taints.Add(new TaintPolicy { Key = "dedicated", Value = "db", Effect = "NoExecute" }));

        Assert.Equal(UnplacedReason.UntoleratedTaint, Assert.Single(DemandPlanner.Plan([Pod("a")], [hard]).Unplaced).Kind);
    }

    [Fact]
    public void Plan_MaxPods_IsAResourceToo()
    {
        var dense = Group("g1", configure: g => g.Resources = new NodeResources { Cpu = "64", Memory = "256Gi", Pods = "4" });

        Assert.Equal(3, DemandPlanner.Plan(Pods(10, cpuMillis: 10, memoryMi: 1), [dense]).NewNodes("g1"));
    }

    [Fact]
    public void Plan_NoPods_IsAnEmptyPlan()
    {
        var plan = DemandPlanner.Plan([], [Group("g1", target: 3, coming: 3)]);

        Assert.Empty(plan.Increases);
        Assert.Empty(plan.Nodes);
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void Describe_GivesTheNumbersBehindTheDecision()
    {
        var plan = DemandPlanner.Plan(Pods(12, cpuMillis: 600), [Group("g1", target: 2, coming: 2)]);

        Assert.Equal("group g1 +2: 12 pending pods, 3 pods/node, 2 upcoming taking 6 (target 2, max 1000)", plan.Increases[0].Describe());
    }

    [Fact]
    public void Plan_ReadyNodesFreeRoom_TakesPodsBeforeAnyNewNode()
    {
        var group = Group("g1", target: 2) with { ReadyRoom = [new PodRequests(1000, 4L << 30), new PodRequests(1000, 4L << 30)] };

        var plan = DemandPlanner.Plan(Pods(6, cpuMillis: 600), [group]);

        Assert.Equal(2, plan.Nodes.Count(n => n.Ready));
        Assert.All(plan.Nodes.Where(n => n.Ready), n => Assert.Single(n.Pods));
        Assert.Equal(2, plan.NewNodes("g1"));
        Assert.Equal(
            "group g1 +2: 6 pending pods, 2 pods/node, 0 upcoming taking 0, 2 fit Ready nodes' free room (target 2, max 1000)",
            plan.Increases[0].Describe());
    }

    [Fact]
    public void Plan_GroupAtMax_PodThatFitsAReadyNodesRoom_IsNotUnplaced()
    {
        var group = Group("g1", maxSize: 2, target: 2) with { ReadyRoom = [new PodRequests(1000, 4L << 30)] };

        var plan = DemandPlanner.Plan(Pods(2, cpuMillis: 600), [group]);

        Assert.Equal("p-00000", Assert.Single(Assert.Single(plan.Nodes, n => n.Ready).Pods).Name);
        Assert.Equal("p-00001", Assert.Single(plan.Unplaced).Pod.Name);
    }
}
