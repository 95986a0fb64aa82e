namespace FastScale.Kubernetes.Models;

/// <summary>
/// The body of <c>POST pods/{name}/eviction</c> (policy/v1): a request to delete the pod that the API server grants
/// only while the pod's PodDisruptionBudget allows a disruption.
/// </summary>
public sealed record Eviction
{
    public string? ApiVersion { get; init; } = "policy/v1";
    public string? Kind { get; init; } = "Eviction";

    /// <summary>The pod's name and namespace; the server refuses a body that names another pod than the URL.</summary>
    public ObjectMeta? Metadata { get; init; }

    /// <summary>How the pod is deleted once allowed (grace period, preconditions); null: the pod's own defaults.</summary>
    public DeleteOptions? DeleteOptions { get; init; }
}
