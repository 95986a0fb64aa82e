namespace FastScale.Engine.Demand;

/// <summary>
/// The bookkeeping behind an <see cref="IPendingPodSource"/>: the pods pending now by uid, and the subscribers told of
/// every change. Changes are applied and told under one lock, so a subscriber that joins late sees the pods pending
/// then as Added and every later change exactly once, in order.
/// </summary>
public sealed class PendingPodSet
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingPod> _pods = new(StringComparer.Ordinal);
    private Action<PendingPodChange>[] _subscribers = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pods.Count;
            }
        }
    }

    public IReadOnlyList<PendingPod> Snapshot()
    {
        lock (_gate)
        {
            return [.. _pods.Values];
        }
    }

    /// <summary>A pod is pending: Added if new, Updated if it was pending already.</summary>
    public void Put(PendingPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_gate)
        {
            var kind = _pods.ContainsKey(pod.Uid) ? PendingPodChangeKind.Updated : PendingPodChangeKind.Added;
            _pods[pod.Uid] = pod;
            Tell(new PendingPodChange(kind, pod));
        }
    }

    /// <summary>A pod is no longer pending (bound, deleted, finished); nothing happens if it was not.</summary>
    public void Remove(string uid)
    {
        lock (_gate)
        {
            if (_pods.Remove(uid, out var gone))
            {
                Tell(new PendingPodChange(PendingPodChangeKind.Removed, gone));
            }
        }
    }

    public IDisposable Subscribe(Action<PendingPodChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            foreach (var pod in _pods.Values)
            {
                onChange(new PendingPodChange(PendingPodChangeKind.Added, pod));
            }

            _subscribers = [.. _subscribers, onChange];
        }

        return new Subscription(this, onChange);
    }

    private void Tell(PendingPodChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber(change);
        }
    }

    private void Unsubscribe(Action<PendingPodChange> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onChange)];
        }
    }

    private sealed class Subscription(PendingPodSet owner, Action<PendingPodChange> onChange) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChange);
    }
}
