using FastScale.Engine.Demand;

namespace FastScale.Engine.Tests.Demand;

/// <summary>Pending pods held in memory, told to subscribers as the informer-backed source tells them.</summary>
internal sealed class FakePendingPodSource : IPendingPodSource
{
    private readonly PendingPodSet _pods = new();

    public IDisposable Subscribe(Action<PendingPodChange> onChange) => _pods.Subscribe(onChange);

    public IReadOnlyList<PendingPod> Snapshot() => _pods.Snapshot();

    public bool IsCurrent { get; set; } = true;

    public void Add(PendingPod pod) => _pods.Put(pod);

    public void Update(PendingPod pod) => _pods.Put(pod);

    public void Remove(PendingPod pod) => _pods.Remove(pod.Uid);
}
