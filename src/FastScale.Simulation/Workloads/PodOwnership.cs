using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Workloads;

/// <summary>
/// Which pods a drainer must leave alone, by the marks the API gives them: DaemonSet pods (a controller owner of kind
/// DaemonSet: the DaemonSet would recreate them on the same node) and mirror pods (annotation
/// <c>kubernetes.io/config.mirror</c>: the API's copy of a static pod, which the kubelet, not the API, runs).
/// </summary>
public static class PodOwnership
{
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";

    public static OwnerReference? ControllerOf(Pod pod) => pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    public static bool IsDaemonSetPod(Pod pod) => ControllerOf(pod)?.Kind == "DaemonSet";

    public static bool IsMirrorPod(Pod pod) => pod.Metadata?.Annotations?.ContainsKey(MirrorAnnotation) == true;

    /// <summary>Whether the pod's controller is this workload (matched by uid, as the real controllers match).</summary>
    public static bool IsControlledBy(Pod pod, ObjectMeta owner) => owner.Uid is { } uid && ControllerOf(pod)?.Uid == uid;

    /// <summary>Counts toward its owner's replicas: not terminal and not being deleted (the controllers' "active" pods).</summary>
    public static bool IsActive(Pod pod) => pod.Metadata?.DeletionTimestamp is null && pod.Status?.Phase is not ("Succeeded" or "Failed");

    public static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
