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
