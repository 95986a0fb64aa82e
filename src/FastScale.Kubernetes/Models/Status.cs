using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models;

/// <summary>The API server's error body (and the object of a watch ERROR event).</summary>
public sealed record Status
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Status";
    public ListMeta? Metadata { get; init; }

    /// <summary>"Success" or "Failure" (the wire field "status"; a member cannot share its type's name).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    public string? Message { get; init; }

    /// <summary>Machine-readable: NotFound, AlreadyExists, Conflict, Invalid, Expired, Gone, ...</summary>
    public string? Reason { get; init; }

    public StatusDetails? Details { get; init; }
    public int? Code { get; init; }
}
