namespace FastScale.Kubernetes.Models;

public sealed record Node : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Node";
    public ObjectMeta? Metadata { get; init; }
    public NodeSpec? Spec { get; init; }
    public NodeStatus? Status { get; init; }
}
