namespace FastScale.Kubernetes.LeaderElection;

/// <summary>Called on the elector's loop: return quickly and start long work elsewhere.</summary>
public sealed class LeaderElectionCallbacks
{
    /// <summary>This replica now leads. The token is cancelled the moment it stops leading.</summary>
    public Action<CancellationToken>? OnStartedLeading { get; init; }

    /// <summary>This replica stopped leading: it failed to renew within the deadline, or it is shutting down.</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>The observed holder changed (to this replica or another); empty when the lease was released.</summary>
    public Action<string>? OnNewLeader { get; init; }
}
