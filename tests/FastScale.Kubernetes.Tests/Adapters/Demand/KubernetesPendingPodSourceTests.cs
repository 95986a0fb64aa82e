using System.Threading.Channels;
using FastScale.Engine.Demand;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using static FastScale.Kubernetes.Tests.Adapters.Demand.PodObjects;

namespace FastScale.Kubernetes.Tests.Adapters.Demand;

public sealed class KubernetesPendingPodSourceTests
{
    private readonly ScriptedPodInformer _informer = new();
    private readonly KubernetesPendingPodSource _source;

    private readonly List<PendingPodChange> _told = [];

    public KubernetesPendingPodSourceTests()
    {
        _source = new KubernetesPendingPodSource(_informer);
        _source.Subscribe(change =>
        {
            lock (_told)
            {
                _told.Add(change);
            }
        });
    }

    [Fact]
    public void FieldSelector_AsksForUnboundUnfinishedPodsOnly()
    {
        Assert.Equal("spec.nodeName=,status.phase!=Succeeded,status.phase!=Failed", KubernetesPendingPodSource.FieldSelector);
    }

    [Fact]
    public void Apply_FollowsAPodFromUnschedulableToBound()
    {
        var pod = Unschedulable();
        _source.Apply(new InformerChange<Pod>(InformerChangeType.Added, pod with { Status = new PodStatus { Phase = "Pending" } }, null));
        _source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, pod, null));
        _source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, pod, pod));
        Assert.Single(_source.Snapshot());
        _source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, pod with { Spec = pod.Spec! with { NodeName = "node-1" } }, pod));
        _source.Apply(new InformerChange<Pod>(InformerChangeType.Deleted, pod, pod));

        Assert.Equal([PendingPodChangeKind.Added, PendingPodChangeKind.Updated, PendingPodChangeKind.Removed], _told.Select(c => c.Kind));
        Assert.Empty(_source.Snapshot());
    }

    [Fact]
    public void APodNominatedToANodeThatExists_WaitsForPreemptionThere_NotForANewNode()
    {
        var nominated = new NominatedPodLedger();
        var nodes = new HashSet<string>(StringComparer.Ordinal) { "node-1" };
        var source = new KubernetesPendingPodSource(new ScriptedPodInformer(), nominated, nodes.Contains);
        var pod = Unschedulable("preemptor", uid: "p");
        var toNode1 = pod with { Status = pod.Status! with { NominatedNodeName = "node-1" } };
        var toGone = pod with { Status = pod.Status! with { NominatedNodeName = "node-9" } };

        source.Apply(new InformerChange<Pod>(InformerChangeType.Added, toNode1, null));
        Assert.Empty(source.Snapshot());
        Assert.Equal((500L, 1L), (nominated.RequestsOn("node-1").CpuMillis, nominated.RequestsOn("node-1").Pods));

        // A nomination to a node that is gone is void: the pod needs a node like any other.
        source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, toGone, toNode1));
        Assert.Equal(["preemptor"], source.Snapshot().Select(p => p.Name));
        Assert.Equal(0, nominated.Count);

        source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, toNode1, toGone));
        Assert.Empty(source.Snapshot());

        // The scheduler gave up the nomination: pending again.
        source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, pod, toNode1));
        Assert.Single(source.Snapshot());
        Assert.Equal(0, nominated.Count);

        source.Apply(new InformerChange<Pod>(InformerChangeType.Updated, toNode1, pod));
        source.Apply(new InformerChange<Pod>(InformerChangeType.Deleted, toNode1, toNode1));
        Assert.Equal(0, nominated.Count);
        Assert.Empty(source.Snapshot());
    }

    [Fact]
    public async Task RunAsync_TellsTheInformersChangesInOrder_AndALateSubscriberGetsThePendingPodsFirst()
    {
        using var stop = new CancellationTokenSource();
        var run = _source.RunAsync(stop.Token);
        _informer.Publish(new InformerChange<Pod>(InformerChangeType.Added, Unschedulable("a", uid: "a"), null));
        _informer.Publish(new InformerChange<Pod>(InformerChangeType.Added, Unschedulable("b", uid: "b"), null));
        var deadline = TimeProvider.System.GetTimestamp();
        while (Told() < 2 && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        await stop.CancelAsync();
        await run;

        Assert.Equal(["a", "b"], _told.Select(c => c.Pod.Name));
        var late = new List<PendingPodChange>();
        using (_source.Subscribe(late.Add))
        {
            Assert.Equal([(PendingPodChangeKind.Added, "a"), (PendingPodChangeKind.Added, "b")], late.Select(c => (c.Kind, c.Pod.Name)).Order());
        }
    }

    private int Told()
    {
        lock (_told)
        {
            return _told.Count;
        }
    }
}
