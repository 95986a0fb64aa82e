using FastScale.Engine.Demand;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Models;
using KNodeSelector = FastScale.Kubernetes.Models.NodeSelector;
using KRequirement = FastScale.Kubernetes.Models.NodeSelectorRequirement;
using KTerm = FastScale.Kubernetes.Models.NodeSelectorTerm;
using static FastScale.Kubernetes.Tests.Adapters.Demand.PodObjects;

namespace FastScale.Kubernetes.Tests.Adapters.Demand;

public sealed class PendingPodMapperTests
{
    [Fact]
    public void TryMap_UnschedulablePod_IsPendingSinceTheConditionChanged()
    {
        var pod = PendingPodMapper.TryMap(Unschedulable())!;

        Assert.Equal(("shop", "web-1", "uid-1", Since), (pod.Namespace, pod.Name, pod.Uid, pod.UnschedulableSince));
        Assert.Equal((500L, 256L << 20, 1L), (pod.Requests.CpuMillis, pod.Requests.MemoryBytes, pod.Requests.Pods));
    }

    [Fact]
    public void TryMap_PodNotYetMarkedUnschedulable_IsNotPending()
    {
        var pod = Unschedulable() with { Status = new PodStatus { Phase = "Pending" } };

        Assert.Null(PendingPodMapper.TryMap(pod));
    }

    [Fact]
    public void TryMap_PodScheduledFalseForAnotherReason_IsNotPending()
    {
        var pod = Unschedulable() with
        {
            Status = new PodStatus { Phase = "Pending", Conditions = [new PodCondition { Type = "PodScheduled", Status = "False", Reason = "SchedulingGated" }] },
        };

        Assert.Null(PendingPodMapper.TryMap(pod));
    }

    [Fact]
    public void TryMap_BoundFinishedOrDeletedPods_AreNotPending()
    {
        var basePod = Unschedulable();

        Assert.Null(PendingPodMapper.TryMap(basePod with { Spec = basePod.Spec! with { NodeName = "node-1" } }));
        Assert.Null(PendingPodMapper.TryMap(basePod with { Status = basePod.Status! with { Phase = "Failed" } }));
        Assert.Null(PendingPodMapper.TryMap(basePod with { Metadata = basePod.Metadata! with { DeletionTimestamp = Since } }));
    }

    [Fact]
    public void TryMap_DaemonSetPod_IsLeftToTheOverhead()
    {
        var basePod = Unschedulable();
        var owned = basePod with
        {
            Metadata = basePod.Metadata! with { OwnerReferences = [new OwnerReference { Kind = "DaemonSet", Name = "logs", Controller = true }] },
        };

        Assert.Null(PendingPodMapper.TryMap(owned));
    }

    [Fact]
    public void Requests_SumContainers_TakeTheLargerOfThatAndTheLargestInit_PlusOverhead()
    {
        var spec = new PodSpec
        {
            Containers = [Container("250m", "100Mi"), Container("250m", "100Mi", new Dictionary<string, string> { ["nvidia.com/gpu"] = "1" })],
            InitContainers = [Container("2", "50Mi"), Container("100m", "150Mi")],
            Overhead = new Dictionary<string, string> { ["cpu"] = "10m", ["memory"] = "1Mi" },
        };

        var requests = PendingPodMapper.Requests(spec);

        // cpu: max(500m, 2) + 10m; memory: max(200Mi, 150Mi) + 1Mi.
        Assert.Equal((2010L, 201L << 20), (requests.CpuMillis, requests.MemoryBytes));
        Assert.Equal(1L, requests.ExtendedResources["nvidia.com/gpu"]);
    }

    [Fact]
    public void Requests_FractionsRoundUpToKubernetesUnits()
    {
        var requests = PendingPodMapper.Requests(new PodSpec { Containers = [Container("0.0005", "1.5", new Dictionary<string, string> { ["ephemeral-storage"] = "1Gi" })] });

        Assert.Equal((1L, 2L, 1L << 30), (requests.CpuMillis, requests.MemoryBytes, requests.EphemeralStorageBytes));
    }

    [Fact]
    public void TryMap_SelectorsAffinityAndTolerations_AreCarriedOver()
    {
        var spec = new PodSpec
        {
            Containers = [Container("1")],
            NodeSelector = new Dictionary<string, string> { ["disktype"] = "ssd" },
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new KNodeSelector
                    {
                        NodeSelectorTerms =
                        [
                            new KTerm { MatchExpressions = [new KRequirement { Key = "zone", Operator = "In", Values = ["h", "i"] }] },
                            new KTerm { MatchExpressions = [new KRequirement { Key = "cores", Operator = "Gt", Values = ["4"] }] },
                        ],
                    },
                },
            },
            Tolerations = [new Toleration { Key = "nvidia.com/gpu", Operator = "Exists", Effect = "NoSchedule" }, new Toleration { Key = "a", Value = "b" }],
        };

        var pod = PendingPodMapper.TryMap(Unschedulable(spec: spec))!;

        Assert.Equal("ssd", pod.NodeSelector["disktype"]);
        Assert.Equal(2, pod.RequiredNodeAffinity.Count);
        var gt = pod.RequiredNodeAffinity[1].MatchExpressions[0];
        Assert.Equal(("cores", NodeSelectorOperator.Gt, "4"), (gt.Key, gt.Operator, Assert.Single(gt.Values)));
        Assert.Equal(["h", "i"], pod.RequiredNodeAffinity[0].MatchExpressions[0].Values);
        Assert.Equal(new PodToleration("nvidia.com/gpu", TolerationOperator.Exists, "", "NoSchedule"), pod.Tolerations[0]);
        Assert.Equal(new PodToleration("a", TolerationOperator.Equal, "b", ""), pod.Tolerations[1]);
    }

    [Fact]
    public void TryMap_MatchFieldsTerm_MatchesNoNewNode()
    {
        var spec = new PodSpec
        {
            Containers = [Container("1")],
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new KNodeSelector
                    {
                        NodeSelectorTerms = [new KTerm { MatchFields = [new KRequirement { Key = "metadata.name", Operator = "In", Values = ["node-7"] }] }],
                    },
                },
            },
        };

        var pod = PendingPodMapper.TryMap(Unschedulable(spec: spec))!;
        var labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node-7" };

        Assert.False(PlacementRules.MatchesAffinity(pod, labels));
    }
}
