using FastScale.Engine.Demand;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// Tells a pod's owner, where they look (<c>kubectl describe pod</c>), that FastScale cannot place it: a Warning Event
/// on the pod with the planner's reason, posted from the <see cref="QueuedEventPoster"/>'s loop.
/// </summary>
/// <remarks>
/// The event's name is derived from the pod's uid and the reason, so a restarted provider (or a second replica) that
/// reports the same pod again gets AlreadyExists instead of a second event.
/// </remarks>
internal sealed class KubernetesDemandEvents(IKubernetesApiClient client, TimeProvider time, ILogger<KubernetesDemandEvents> logger)
    : QueuedEventPoster(client, "Pod", logger), IDemandEvents
{
    public const string UnplaceableReason = "NotTriggerScaleUp";

    public void PodUnplaceable(UnplacedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var involved = new ObjectReference { ApiVersion = "v1", Kind = "Pod", Namespace = pod.Pod.Namespace, Name = pod.Pod.Name, Uid = pod.Pod.Uid };
        Enqueue(NewEvent(NameFor(pod), involved, UnplaceableReason, $"pod didn't trigger scale-up: {pod.Reason}", warning: true, time.GetUtcNow()));
    }

    // Scale-ups are logged and counted by the controller; an Event needs an object to hang on, and a raise is for many pods.
    public void GroupIncreased(DemandDecision decision)
    {
    }

    private static string NameFor(UnplacedPod pod) => EventNames.For(pod.Pod.Name, $"{pod.Pod.Uid}/{pod.Kind}");
}
