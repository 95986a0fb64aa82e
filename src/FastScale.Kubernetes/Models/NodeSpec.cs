using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

public sealed record NodeSpec
{
    /// <summary>On ECS: <c>&lt;region&gt;.&lt;instance-id&gt;</c>; how instances are matched to nodes.</summary>
    [JsonPropertyName("providerID")]
    public string? ProviderId { get; init; }

    public bool? Unschedulable { get; init; }
    public IReadOnlyList<Taint>? Taints { get; init; }
}
