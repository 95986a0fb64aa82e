namespace FastScale.Kubernetes.Models;

public sealed record NodeAffinity
{
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
}
