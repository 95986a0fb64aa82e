namespace FastScale.Kubernetes.Client;

public enum EvictionOutcome
{
    /// <summary>The server granted the eviction: the pod is being deleted (at once, or after its grace period).</summary>
    Evicted,

    /// <summary>429: a disruption budget allows no disruption now (or is not yet processed); ask again later.</summary>
    Refused,

    /// <summary>404: the pod does not exist; for a drain, as good as evicted.</summary>
    PodGone,
}
