using FastScale.Engine.Demand;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using static FastScale.Kubernetes.Tests.Adapters.Demand.PodObjects;

namespace FastScale.Kubernetes.Tests.Adapters.Demand;

/// <summary>A Ready node's free room: allocatable less the pods bound to it, and none where new pods cannot go.</summary>
public sealed class KubernetesNodeRoomTests
{
    private const string ProviderId = "cn-hangzhou.i-1";
    private readonly ScriptedPodInformer _informer = new();
    private readonly BoundPodLedger _ledger;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    public KubernetesNodeRoomTests() => _ledger = new BoundPodLedger(_informer);

    private readonly NominatedPodLedger _nominated = new();

    private KubernetesNodeRoom Room() => new(id => _nodes.GetValueOrDefault(id), _ledger, _nominated);

    [Fact]
    public void FieldSelector_AsksForBoundUnfinishedPodsOnly()
    {
        Assert.Equal("spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed", BoundPodLedger.FieldSelector);
    }

    [Fact]
    public void EmptyReadyNode_HasItsWholeAllocatable()
    {
        Register();

        var free = Room().FreeRoom(ProviderId)!;

        Assert.Equal(new[] { 3900L, 7L << 30, 110L, 1L }, new[] { free.CpuMillis, free.MemoryBytes, free.Pods, free.ExtendedResources["nvidia.com/gpu"] });
    }

    [Fact]
    public void BoundPods_AreSubtracted_AndGiveTheirRoomBackWhenTheyGoOrFinish()
    {
        Register();
        var web = Bound("web-1", "i-1", "1500m", "1Gi");
        var batch = Bound("batch-1", "i-1", "500m", "512Mi");
        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Added, web, null));
        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Added, batch, null));
        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Added, Bound("elsewhere", "i-2", "3", "1Gi"), null));

        var free = Room().FreeRoom(ProviderId)!;
        Assert.Equal((1900L, (7L << 30) - (1536L << 20), 108L), (free.CpuMillis, free.MemoryBytes, free.Pods));

        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Updated, batch with { Status = new PodStatus { Phase = "Succeeded" } }, batch));
        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Deleted, web, web));

        free = Room().FreeRoom(ProviderId)!;
        Assert.Equal((3900L, 7L << 30, 110L), (free.CpuMillis, free.MemoryBytes, free.Pods));
    }

    [Fact]
    public void ABoundPod_IsHeld_UntilItGoesOrFinishes_SoFastModeDoesNotAlsoPlanItAsPending()
    {
        Register();
        var web = Bound("web-1", "i-1", "1500m", "1Gi");
        var uid = web.Metadata!.Uid!;
        var pending = new PendingPod("default", "web-1", uid, new PodRequests(1500, 1L << 30), new Dictionary<string, string>(), [], [], default);
        Assert.False(Room().HoldsPod(pending));

        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Added, web, null));
        Assert.True(Room().HoldsPod(pending));
        Assert.False(Room().HoldsPod(pending with { Uid = "another-pod-of-that-name" }));

        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Updated, web with { Status = new PodStatus { Phase = "Succeeded" } }, web));
        Assert.False(Room().HoldsPod(pending));
    }

    [Theory]
    [InlineData("not-ready")]
    [InlineData("cordoned")]
    [InlineData("deleting")]
    [InlineData("unreachable")]
    [InlineData("unknown")]
    [InlineData("not-listed")]
    public void NodesThatCannotTakeNewPods_HaveNoRoom(string state)
    {
        _informer.HasSynced = state != "not-listed";
        if (state != "unknown")
        {
            Register(
                ready: state != "not-ready",
                unschedulable: state == "cordoned",
                taint: state switch
                {
                    "deleting" => "ToBeDeletedByClusterAutoscaler",
                    "unreachable" => "node.kubernetes.io/unreachable",
                    _ => null,
                });
        }

        Assert.Null(Room().FreeRoom(ProviderId));
    }

    [Fact]
    public void PodsNominatedToTheNode_HoldItsRoom_AndAreCountedOnceWhenBound()
    {
        Register();
        var pending = new KubernetesPendingPodSource(new ScriptedPodInformer(), _nominated, name => name is "i-1" or "i-2");
        var preemptor = Nominated("preemptor", "i-1", "2", "2Gi");
        pending.Apply(new InformerChange<Pod>(InformerChangeType.Added, preemptor, null));
        pending.Apply(new InformerChange<Pod>(InformerChangeType.Added, Nominated("other", "i-2", "1", "1Gi"), null));

        var free = Room().FreeRoom(ProviderId)!;
        Assert.Equal((1900L, 5L << 30, 109L), (free.CpuMillis, free.MemoryBytes, free.Pods));

        // Bound: it leaves the unbound-pod informer and joins the bound one, in either order, and is counted once.
        var bound = Bound("preemptor", "i-1", "2", "2Gi");
        _ledger.Apply(new InformerChange<Pod>(InformerChangeType.Added, bound, null));
        pending.Apply(new InformerChange<Pod>(InformerChangeType.Deleted, preemptor, preemptor));

        free = Room().FreeRoom(ProviderId)!;
        Assert.Equal((1900L, 5L << 30, 109L), (free.CpuMillis, free.MemoryBytes, free.Pods));
    }

    [Fact]
    public void AGroupsOwnTaint_DoesNotHideTheRoom()
    {
        Register(taint: "nvidia.com/gpu");

        Assert.NotNull(Room().FreeRoom(ProviderId));
    }

    private void Register(bool ready = true, bool unschedulable = false, string? taint = null) => _nodes[ProviderId] = new Node
    {
        Metadata = new ObjectMeta { Name = "i-1" },
        Spec = new NodeSpec
        {
            ProviderId = ProviderId,
            Unschedulable = unschedulable,
            Taints = taint is null ? [] : [new Taint { Key = taint, Value = "true", Effect = "NoSchedule" }],
        },
        Status = new NodeStatus
        {
            Allocatable = new Dictionary<string, string> { ["cpu"] = "3900m", ["memory"] = "7Gi", ["pods"] = "110", ["nvidia.com/gpu"] = "1" },
            Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Since }],
        },
    };

    private static Pod Nominated(string name, string node, string cpu, string memory)
    {
        var pod = Unschedulable(name, new PodSpec { Containers = [Container(cpu, memory)] }, uid: name);
        return pod with { Status = pod.Status! with { NominatedNodeName = node } };
    }

    private static Pod Bound(string name, string node, string cpu, string memory) =>
        Unschedulable(name, new PodSpec { NodeName = node, Containers = [Container(cpu, memory)] }, uid: name) with
        {
            Status = new PodStatus { Phase = "Running" },
        };
}
