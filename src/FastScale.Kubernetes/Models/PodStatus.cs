namespace FastScale.Kubernetes.Models;

public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed, Unknown.</summary>
    public string? Phase { get; init; }

    /// <summary>PodScheduled=False with reason Unschedulable is the signal that a pod needs a node.</summary>
    public IReadOnlyList<PodCondition>? Conditions { get; init; }

    public string? NominatedNodeName { get; init; }
}
