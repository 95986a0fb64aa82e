namespace FastScale.Kubernetes.Models;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Carries only a newer metadata.resourceVersion to resume from; the object is otherwise empty.</summary>
    Bookmark,

    /// <summary>The watch failed; <see cref="WatchEvent{T}.Error"/> holds the Status (code 410 means resourceVersion too old).</summary>
    Error,
}
