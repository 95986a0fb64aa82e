using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

public sealed record Taint
{
    public string? Key { get; init; }
    public string? Value { get; init; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public string? Effect { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? TimeAdded { get; init; }
}
