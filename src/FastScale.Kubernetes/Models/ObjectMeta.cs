using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }

    /// <summary>Opaque to clients: compared only for equality, never ordered (the API contract).</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Bumped by the server on every spec change; controllers echo it as status.observedGeneration.</summary>
    public long? Generation { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? CreationTimestamp { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? DeletionTimestamp { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }
    public IReadOnlyList<string>? Finalizers { get; init; }
}
