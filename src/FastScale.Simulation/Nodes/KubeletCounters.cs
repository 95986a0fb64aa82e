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
    private long _leasesCreated;
    private long _leaseRenewals;
    private long _leasesDeleted;
    private long _statusHeartbeats;

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

    /// <summary>Node Leases created (at registration, or again after one vanished).</summary>
    public long LeasesCreated => Interlocked.Read(ref _leasesCreated);

    /// <summary>Node Lease renewals written (the heartbeat a node lifecycle controller watches).</summary>
    public long LeaseRenewals => Interlocked.Read(ref _leaseRenewals);

    /// <summary>Node Leases deleted with their released instance's Node (already gone counts).</summary>
    public long LeasesDeleted => Interlocked.Read(ref _leasesDeleted);

    /// <summary>Node status posts that refreshed the Ready condition's lastHeartbeatTime.</summary>
    public long StatusHeartbeats => Interlocked.Read(ref _statusHeartbeats);

    /// <summary>Kubernetes API requests the kubelets sent, all kubelets together (each paced by its own budget).</summary>
    public long ApiRequests => Api.Requests;

    /// <summary>Of those, the ones the API server answered 429 Too Many Requests.</summary>
    public long ApiThrottled => Api.Throttled;

    /// <summary>Where the kubelets' clients count their requests.</summary>
    internal ApiRequestCounts Api { get; } = new();

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
    internal void LeaseCreated() => Interlocked.Increment(ref _leasesCreated);
    internal void LeaseRenewed() => Interlocked.Increment(ref _leaseRenewals);
    internal void LeaseDeleted() => Interlocked.Increment(ref _leasesDeleted);
    internal void StatusHeartbeat() => Interlocked.Increment(ref _statusHeartbeats);
    internal void ApiFailure() => Interlocked.Increment(ref _apiFailures);
}
