namespace FastScale.Kubernetes.Client;

public enum DeleteOutcome
{
    /// <summary>The server accepted the delete (the object may linger while finalizers or graceful deletion run).</summary>
    Deleted,

    /// <summary>The object did not exist and the caller said that counts as success.</summary>
    AlreadyGone,
}
