namespace FastScale.Simulation.Cluster;

/// <summary>What the simulator has done so far, for tests and load reports. Thread-safe.</summary>
public sealed class ClusterSimulatorCounters
{
    private long _requests;
    private long _writes;
    private long _watchesStarted;
    private long _watchersActive;
    private long _watchersDropped;
    private long _watchEventsSent;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Committed changes (each took a new resourceVersion).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public long WatchesStarted => Interlocked.Read(ref _watchesStarted);

    public long WatchersActive => Interlocked.Read(ref _watchersActive);

    /// <summary>Watchers closed because they fell a full buffer behind.</summary>
    public long WatchersDropped => Interlocked.Read(ref _watchersDropped);

    /// <summary>Watch events written to clients (bookmarks included).</summary>
    public long WatchEventsSent => Interlocked.Read(ref _watchEventsSent);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Write() => Interlocked.Increment(ref _writes);

    internal void WatchStarted()
    {
        Interlocked.Increment(ref _watchesStarted);
        Interlocked.Increment(ref _watchersActive);
    }

    internal void WatchEnded() => Interlocked.Decrement(ref _watchersActive);

    internal void WatcherDropped() => Interlocked.Increment(ref _watchersDropped);

    internal void EventsSent(int count) => Interlocked.Add(ref _watchEventsSent, count);
}
