namespace FastScale.Kubernetes.Client;

/// <summary>Thrown only by <see cref="KubernetesResult{T}.GetValueOrThrow"/>, for callers that treat any failure as fatal.</summary>
public sealed class KubernetesApiException(KubernetesApiError error) : Exception(error.ToString())
{
    public KubernetesApiError Error { get; } = error;
}
