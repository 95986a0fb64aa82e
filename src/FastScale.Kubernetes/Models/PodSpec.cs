namespace FastScale.Kubernetes.Models;

public sealed record PodSpec
{
    /// <summary>Empty until the scheduler binds the pod.</summary>
    public string? NodeName { get; init; }

    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }
    public Affinity? Affinity { get; init; }
    public IReadOnlyList<Toleration>? Tolerations { get; init; }
    public IReadOnlyList<Container>? Containers { get; init; }
    public IReadOnlyList<Container>? InitContainers { get; init; }
    public IReadOnlyDictionary<string, string>? Overhead { get; init; }
    public int? Priority { get; init; }
    public string? PriorityClassName { get; init; }
    public string? SchedulerName { get; init; }
}
