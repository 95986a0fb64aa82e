namespace FastScale.Kubernetes.Models;

public sealed record ReplicaSetStatus
{
    public int Replicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public long? ObservedGeneration { get; init; }
}
