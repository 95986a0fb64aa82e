namespace FastScale.Simulation.Nodes;

/// <summary>What the kubelet simulation has done since it started. Thread-safe.</summary>
public sealed class KubeletCounters
{
    private long _polls;
    private long _pollFailures;
    private long _nodesRegistered;
    private long _nodesReady;
    private long _nodesDeleted;
    private long _nodesMarkedUnreachable;
    private long _neverRegistered;
    private long _apiFailures;

    public long Polls => Interlocked.Read(ref _polls);
    public long PollFailures => Interlocked.Read(ref _pollFailures);
    public long NodesRegistered => Interlocked.Read(ref _nodesRegistered);
    public long NodesReady => Interlocked.Read(ref _nodesReady);
    public long NodesDeleted => Interlocked.Read(ref _nodesDeleted);
    public long NodesMarkedUnreachable => Interlocked.Read(ref _nodesMarkedUnreachable);

    /// <summary>Instances the fault plan kept from ever registering.</summary>
    public long NeverRegistered => Interlocked.Read(ref _neverRegistered);

    /// <summary>Kubernetes API calls that failed and will be retried.</summary>
    public long ApiFailures => Interlocked.Read(ref _apiFailures);

    internal void Poll(bool ok)
    {
        Interlocked.Increment(ref _polls);
        if (!ok)
        {
            Interlocked.Increment(ref _pollFailures);
        }
    }

    internal void Registered() => Interlocked.Increment(ref _nodesRegistered);
    internal void Ready() => Interlocked.Increment(ref _nodesReady);
    internal void Deleted() => Interlocked.Increment(ref _nodesDeleted);
    internal void MarkedUnreachable() => Interlocked.Increment(ref _nodesMarkedUnreachable);
    internal void NeverRegisters() => Interlocked.Increment(ref _neverRegistered);
    internal void ApiFailure() => Interlocked.Increment(ref _apiFailures);
}
