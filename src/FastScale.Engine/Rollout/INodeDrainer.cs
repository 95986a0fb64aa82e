namespace FastScale.Engine.Rollout;

/// <summary>
/// Takes the Node of an instance out of service before the rollout releases the instance: cordons it, marks it so the
/// cluster-autoscaler leaves it alone, and evicts its pods through the Eviction API (PodDisruptionBudgets honoured).
/// The engine knows nothing of Kubernetes: the host implements this over its API client, tests with a fake.
/// </summary>
public interface INodeDrainer
{
    /// <summary>
    /// Drains until no evictable pod is left, the node is gone, or <see cref="DrainRequest.Timeout"/> passes; then, per
    /// <see cref="DrainRequest.OnTimeout"/>, leaves the node cordoned (<see cref="DrainResult.TimedOut"/>) or deletes
    /// what is left (<see cref="DrainResult.Forced"/>). Safe to call again for the same instance (after a restart): a
    /// cordoned node is cordoned, an evicted pod is gone. Throws only when cancelled.
    /// </summary>
    Task<DrainOutcome> DrainAsync(DrainRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a node the rollout had cordoned and will not replace after all (a rollback to the node's own template, a
    /// halt): uncordons it and removes the scale-down-disabled mark, only where this drainer put them.
    /// </summary>
    Task ReleaseAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>One drain: the instance whose Node to drain, and what the group's rollout policy says of time.</summary>
public sealed record DrainRequest(string GroupId, string InstanceId, TimeSpan Timeout, Policy.DrainTimeoutAction OnTimeout);

public enum DrainResult
{
    /// <summary>Every pod but DaemonSet and mirror pods has left the node.</summary>
    Drained,

    /// <summary>No Node names the instance (never registered, or deleted already): nothing to drain.</summary>
    NodeGone,

    /// <summary>The timeout passed with pods still on the node; it stays cordoned for a person.</summary>
    TimedOut,

    /// <summary>The timeout passed and the pods left were deleted, disruption budgets notwithstanding.</summary>
    Forced,
}

/// <summary>What a drain did: pods evicted, eviction answers of 429 (a disruption budget said not now), pods deleted by force.</summary>
public sealed record DrainOutcome(DrainResult Result, int Evicted = 0, int Refused = 0, int ForceDeleted = 0);
