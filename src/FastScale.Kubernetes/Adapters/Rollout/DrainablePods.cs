using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// Which pods on a node a drain must see leave, and when one has left. Left alone, as <c>kubectl drain</c> leaves
/// them: DaemonSet pods (their controller would put them back on the same node), mirror pods (the API's copy of a
/// static pod, which the kubelet runs and the API cannot remove), and pods already finished.
/// </summary>
internal static class DrainablePods
{
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";

    public static bool IsLeftAlone(Pod pod) =>
        pod.Status?.Phase is "Succeeded" or "Failed"
        || pod.Metadata?.Annotations?.ContainsKey(MirrorAnnotation) == true
        || pod.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Kind == "DaemonSet") == true;

    /// <summary>
    /// A pod counts as gone once its object is, or once it is terminating and its deletionTimestamp has passed. The API
    /// sets deletionTimestamp to the end of the grace period, so until then the pod may still be shutting down cleanly
    /// and the drain waits for it (deleting the instance would cut that short); after it, the kubelet has either
    /// finished or is not answering (a dead node's pods stay Terminating for ever), and waiting longer helps no one.
    /// </summary>
    public static bool HasLeft(Pod pod, DateTimeOffset now) => pod.Metadata?.DeletionTimestamp is { } deadline && deadline <= now;

    /// <summary>Evicted already and within its grace period: not to be evicted again, only waited for.</summary>
    public static bool IsTerminating(Pod pod) => pod.Metadata?.DeletionTimestamp is not null;
}
