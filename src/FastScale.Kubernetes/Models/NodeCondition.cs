using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

public sealed record NodeCondition
{
    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
    public string? Type { get; init; }

    /// <summary>"True", "False" or "Unknown" (strings on the wire, not booleans).</summary>
    public string? Status { get; init; }

    public string? Reason { get; init; }
    public string? Message { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastHeartbeatTime { get; init; }
}
