using FastScale.Kubernetes.Models;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

public sealed class PodFitTests
{
    [Fact]
    public void Check_RequestWithinFreeAllocatable_Fits()
    {
        var node = Node(cpu: 2);
        node.Add(new Dictionary<string, decimal> { ["cpu"] = 1 });

        Assert.Null(PodFit.Check(Demand(Pod(cpu: "1")), node));
    }

    [Fact]
    public void Check_RequestBeyondFreeAllocatable_IsInsufficient()
    {
        var node = Node(cpu: 2);
        node.Add(new Dictionary<string, decimal> { ["cpu"] = 1.5m });

        Assert.Equal("Insufficient cpu", PodFit.Check(Demand(Pod(cpu: "600m")), node));
    }

    [Fact]
    public void Check_ExtendedResourceMissingOnNode_IsInsufficient() =>
        Assert.Equal("Insufficient nvidia.com/gpu", PodFit.Check(Demand(Pod(cpu: "1", extra: ("nvidia.com/gpu", "1"))), Node(cpu: 2)));

    [Fact]
    public void Check_PodCountAtMax_IsTooManyPods()
    {
        var node = Node(cpu: 8, pods: 1);
        node.Add(new Dictionary<string, decimal> { ["pods"] = 1 });

        Assert.Equal("Too many pods", PodFit.Check(Demand(Pod(cpu: "1")), node));
    }

    [Fact]
    public void Check_NotReadyNode_IsRejected() =>
        Assert.Equal(PodFit.NotReady, PodFit.Check(Demand(Pod(cpu: "1")), Node(cpu: 2, ready: false)));

    [Fact]
    public void Check_NotReadyTaint_IsReportedAsUntoleratedTaint() =>
        Assert.Equal(
            "node(s) had untolerated taint {node.kubernetes.io/not-ready: }",
            PodFit.Check(Demand(Pod(cpu: "1")), Node(cpu: 2, ready: false, taints: [new Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoSchedule" }])));

    [Fact]
    public void Check_NodeSelectorMismatch_IsAffinityMismatch() =>
        Assert.Equal(PodFit.AffinityMismatch, PodFit.Check(Demand(Pod(cpu: "1") with { Spec = Pod(cpu: "1").Spec! with { NodeSelector = new Dictionary<string, string> { ["accel"] = "gpu" } } }), Node(cpu: 2)));

    [Theory]
    [InlineData("In", new[] { "a", "b" }, true)]
    [InlineData("In", new[] { "c" }, false)]
    [InlineData("NotIn", new[] { "c" }, true)]
    [InlineData("NotIn", new[] { "a" }, false)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("DoesNotExist", new string[0], false)]
    public void Matches_Operators_FollowKubernetesSemantics(string op, string[] values, bool expected) =>
        Assert.Equal(expected, PodFit.Matches(new NodeSelectorRequirement { Key = "zone", Operator = op, Values = values }, new Dictionary<string, string> { ["zone"] = "a" }));

    [Fact]
    public void Matches_DoesNotExistOnMissingLabel_IsTrue() =>
        Assert.True(PodFit.Matches(new NodeSelectorRequirement { Key = "other", Operator = "DoesNotExist" }, new Dictionary<string, string>()));

    [Fact]
    public void Check_RequiredAffinityTermsAreOred()
    {
        var pod = Pod(cpu: "1");
        pod = pod with
        {
            Spec = pod.Spec! with
            {
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                        {
                            NodeSelectorTerms =
                            [
                                new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "workload", Operator = "In", Values = ["batch"] }] },
                                new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "workload", Operator = "Exists" }] },
                            ],
                        },
                    },
                },
            },
        };

        Assert.Null(PodFit.Check(Demand(pod), Node(cpu: 2)));
    }

    [Fact]
    public void Check_TaintWithoutToleration_IsRejected_AndToleratedWithIt()
    {
        var node = Node(cpu: 2, taints: [new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }]);
        var plain = Pod(cpu: "1");
        var tolerating = plain with { Spec = plain.Spec! with { Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "gpu", Effect = "NoSchedule" }] } };

        Assert.Equal("node(s) had untolerated taint {dedicated: gpu}", PodFit.Check(Demand(plain), node));
        Assert.Null(PodFit.Check(Demand(tolerating), node));
    }

    [Fact]
    public void Tolerates_EmptyKeyExists_ToleratesEverything_AndPreferNoScheduleNeverBlocks()
    {
        Assert.True(PodFit.Tolerates([new Toleration { Operator = "Exists" }], new Taint { Key = "x", Value = "y", Effect = "NoExecute" }));
        Assert.False(PodFit.Tolerates([new Toleration { Key = "x", Operator = "Equal", Value = "z" }], new Taint { Key = "x", Value = "y", Effect = "NoSchedule" }));
        Assert.Null(PodFit.Check(Demand(Pod(cpu: "1")), Node(cpu: 2, taints: [new Taint { Key = "soft", Effect = "PreferNoSchedule" }])));
    }

    [Fact]
    public void Demand_InitContainerLargerThanSum_AndOverhead_Count()
    {
        var pod = Pod(cpu: "500m");
        pod = pod with
        {
            Spec = pod.Spec! with
            {
                InitContainers = [new Container { Name = "init", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = "2" } } }],
                Overhead = new Dictionary<string, string> { ["cpu"] = "100m" },
            },
        };

        var demand = Demand(pod);

        Assert.Equal(2.1m, demand.Requests["cpu"]);
        Assert.Equal(1m, demand.Requests["pods"]);
    }

    [Fact]
    public void Demand_LimitWithoutRequest_CountsAsRequest()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Resources = new ResourceRequirements { Limits = new Dictionary<string, string> { ["memory"] = "1Gi" } } }] },
        };

        Assert.Equal(1024m * 1024 * 1024, Demand(pod).Requests["memory"]);
    }

    internal static Pod Pod(string cpu, (string Name, string Amount)? extra = null, string name = "p")
    {
        var requests = new Dictionary<string, string> { ["cpu"] = cpu };
        if (extra is { } e)
        {
            requests[e.Name] = e.Amount;
        }

        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Resources = new ResourceRequirements { Requests = requests } }] },
        };
    }

    internal static SchedulableNode Node(decimal cpu, decimal pods = 110, bool ready = true, IReadOnlyList<Taint>? taints = null, string name = "n") =>
        new(name, new Dictionary<string, string> { ["workload"] = "general" }, taints ?? [], ready, unschedulable: false,
            new Dictionary<string, decimal> { ["cpu"] = cpu, ["memory"] = 8m * 1024 * 1024 * 1024, ["pods"] = pods });

    private static PodDemand Demand(Pod pod) => PodDemand.Of(pod);
}
