namespace FastScale.Kubernetes.Models;

/// <summary>The pod a workload stamps out: labels and annotations, and the spec (containers and their requests).</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }
    public PodSpec? Spec { get; init; }
}
