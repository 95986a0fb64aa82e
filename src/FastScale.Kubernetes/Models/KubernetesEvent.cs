using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

/// <summary>core/v1 Event. Named KubernetesEvent so it does not collide with C# events in readers' minds.</summary>
public sealed record KubernetesEvent : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Event";
    public ObjectMeta? Metadata { get; init; }
    public ObjectReference? InvolvedObject { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; init; }

    public EventSource? Source { get; init; }
    public int? Count { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; init; }

    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; init; }

    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; init; }

    public string? ReportingComponent { get; init; }
    public string? ReportingInstance { get; init; }
    public string? Action { get; init; }
}
