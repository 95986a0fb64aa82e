namespace FastScale.Kubernetes.Models;

public sealed record ReplicaSetSpec
{
    /// <summary>Defaults to 1 when absent, as the API server defaults it.</summary>
    public int? Replicas { get; init; }

    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }
}
