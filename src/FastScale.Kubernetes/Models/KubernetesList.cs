namespace FastScale.Kubernetes.Models;

/// <summary>One list type for every kind (NodeList, PodList, ...): they differ only in the item type.</summary>
public sealed record KubernetesList<T>
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public ListMeta? Metadata { get; init; }
    public IReadOnlyList<T>? Items { get; init; }
}
