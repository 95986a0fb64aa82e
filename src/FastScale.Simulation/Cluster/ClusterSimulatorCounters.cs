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
    private long _evictionsAllowed;
    private long _evictionsRefused;
    private long _evictionsNotFound;
    private long _evictionsFailed;
    private long _evictionBudgetViolations;
    private long _deleteBudgetViolations;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Committed changes (each took a new resourceVersion).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public long WatchesStarted => Interlocked.Read(ref _watchesStarted);

    public long WatchersActive => Interlocked.Read(ref _watchersActive);

    /// <summary>Watchers closed because they fell a full buffer behind.</summary>
    public long WatchersDropped => Interlocked.Read(ref _watchersDropped);

    /// <summary>Watch events written to clients (bookmarks included).</summary>
    public long WatchEventsSent => Interlocked.Read(ref _watchEventsSent);

    /// <summary>Evictions answered 201: the pod was deleted (or would have been, on a dry run).</summary>
    public long EvictionsAllowed => Interlocked.Read(ref _evictionsAllowed);

    /// <summary>Evictions refused with 429 because the pod's budget allowed no disruption.</summary>
    public long EvictionsRefused => Interlocked.Read(ref _evictionsRefused);

    /// <summary>Evictions of a pod that did not exist (404).</summary>
    public long EvictionsNotFound => Interlocked.Read(ref _evictionsNotFound);

    /// <summary>Evictions that failed otherwise: more than one budget (500), a failed precondition (409), a bad body (400).</summary>
    public long EvictionsFailed => Interlocked.Read(ref _evictionsFailed);

    /// <summary>
    /// Times an eviction left a budget with fewer healthy pods than it desires (and fewer than before). The eviction
    /// subresource exists to make this impossible: a burst asserts it stays 0.
    /// </summary>
    public long EvictionBudgetViolations => Interlocked.Read(ref _evictionBudgetViolations);

    /// <summary>The same breach caused by a plain DELETE of a pod, which no budget guards (a drainer that deletes
    /// instead of evicting shows up here). Pods turning unready are not counted.</summary>
    public long DeleteBudgetViolations => Interlocked.Read(ref _deleteBudgetViolations);

    internal void EvictionAllowed() => Interlocked.Increment(ref _evictionsAllowed);

    internal void EvictionRefused() => Interlocked.Increment(ref _evictionsRefused);

    internal void EvictionNotFound() => Interlocked.Increment(ref _evictionsNotFound);

    internal void EvictionFailed() => Interlocked.Increment(ref _evictionsFailed);

    internal void BudgetViolated(bool byEviction) => Interlocked.Increment(ref byEviction ? ref _evictionBudgetViolations : ref _deleteBudgetViolations);

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
