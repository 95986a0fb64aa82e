namespace FastScale.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease, used for leader election.</summary>
public sealed record Lease : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "coordination.k8s.io/v1";
    public string? Kind { get; init; } = "Lease";
    public ObjectMeta? Metadata { get; init; }
    public LeaseSpec? Spec { get; init; }
}
