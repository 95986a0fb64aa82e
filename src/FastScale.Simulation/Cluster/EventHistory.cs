namespace FastScale.Simulation.Cluster;

/// <summary>
/// The last N committed changes, oldest first (a ring buffer). Every write takes the next resourceVersion and adds
/// exactly one event, so the retained events cover a contiguous range: a watch can resume from any version at or
/// after <see cref="OldestResumable"/>; anything older is "too old" (410), as after an etcd compaction.
/// Not thread-safe: the store calls it under its write lock.
/// </summary>
internal sealed class EventHistory(int capacity)
{
    private readonly WatchEvent[] _events = new WatchEvent[capacity];
    private int _start;
    private int _count;

    /// <summary>The oldest resourceVersion a watch may start from, given the current version of the store.</summary>
    public long OldestResumable(long current) => _count == 0 ? current : _events[_start].ResourceVersion - 1;

    public void Add(WatchEvent change)
    {
        if (_count < _events.Length)
        {
            _events[(_start + _count) % _events.Length] = change;
            _count++;
            return;
        }

        _events[_start] = change;
        _start = (_start + 1) % _events.Length;
    }

    /// <summary>Events after <paramref name="resourceVersion"/>, oldest first.</summary>
    public List<WatchEvent> Since(long resourceVersion)
    {
        var result = new List<WatchEvent>();
        for (var i = 0; i < _count; i++)
        {
            var change = _events[(_start + i) % _events.Length];
            if (change.ResourceVersion > resourceVersion)
            {
                result.Add(change);
            }
        }

        return result;
    }

    /// <summary>Events after <paramref name="resourceVersion"/>, newest first (to undo them).</summary>
    public IEnumerable<WatchEvent> NewestFirstUntil(long resourceVersion)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            var change = _events[(_start + i) % _events.Length];
            if (change.ResourceVersion <= resourceVersion)
            {
                yield break;
            }

            yield return change;
        }
    }
}
