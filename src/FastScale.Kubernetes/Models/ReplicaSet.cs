namespace FastScale.Kubernetes.Models;

/// <summary>apps/v1 ReplicaSet: what the simulation's workload controller keeps at its replica count.</summary>
public sealed record ReplicaSet : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "apps/v1";
    public string? Kind { get; init; } = "ReplicaSet";
    public ObjectMeta? Metadata { get; init; }
    public ReplicaSetSpec? Spec { get; init; }
    public ReplicaSetStatus? Status { get; init; }
}
