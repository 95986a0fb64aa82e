namespace FastScale.Kubernetes.LeaderElection;

public interface ILeaderElector
{
    bool IsLeader { get; }

    /// <summary>The holder seen at the last read of the Lease; null before the first read.</summary>
    string? ObservedLeader { get; }

    /// <summary>Campaigns, leads and renews until cancelled; after losing it campaigns again. On cancellation it
    /// stops leading and, if <see cref="LeaderElectionOptions.ReleaseOnCancel"/>, releases the lease.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
