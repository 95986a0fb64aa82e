namespace FastScale.Kubernetes.Models;

public sealed record Pod : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Pod";
    public ObjectMeta? Metadata { get; init; }
    public PodSpec? Spec { get; init; }
    public PodStatus? Status { get; init; }
}
