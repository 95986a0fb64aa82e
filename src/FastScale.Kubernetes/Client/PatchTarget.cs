namespace FastScale.Kubernetes.Client;

public enum PatchTarget
{
    /// <summary>The object itself; a status in the patch is ignored by a real API server.</summary>
    Object,

    /// <summary>The /status subresource: only the status changes.</summary>
    Status,
}
