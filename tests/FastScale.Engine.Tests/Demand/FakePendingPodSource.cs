using System.Threading.Channels;
using FastScale.Engine.Demand;

namespace FastScale.Engine.Tests.Demand;

/// <summary>Pending pods held in memory; every change is also written to the channel, as the informer-backed source does.</summary>
internal sealed class FakePendingPodSource : IPendingPodSource
{
    private readonly Channel<PendingPodChange> _changes = Channel.CreateUnbounded<PendingPodChange>();
    private readonly Dictionary<string, PendingPod> _pods = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ChannelReader<PendingPodChange> Changes => _changes.Reader;

    /// <summary>Changes the controller has not read yet.</summary>
    public int Unread => _changes.Reader.Count;

    public IReadOnlyList<PendingPod> Snapshot()
    {
        lock (_gate)
        {
            return [.. _pods.Values];
        }
    }

    public void Add(PendingPod pod) => Change(PendingPodChangeKind.Added, pod);

    public void Update(PendingPod pod) => Change(PendingPodChangeKind.Updated, pod);

    public void Remove(PendingPod pod) => Change(PendingPodChangeKind.Removed, pod);

    private void Change(PendingPodChangeKind kind, PendingPod pod)
    {
        lock (_gate)
        {
            if (kind == PendingPodChangeKind.Removed)
            {
                _pods.Remove(pod.Uid);
            }
            else
            {
                _pods[pod.Uid] = pod;
            }
        }

        _changes.Writer.TryWrite(new PendingPodChange(kind, pod));
    }
}
