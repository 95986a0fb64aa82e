using FastScale.Engine.Rollout;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// Posts a rollout's events as core/v1 Events where people look: on the Node when the event names one
/// (<c>kubectl describe node</c>), else on the FastScale pod (<see cref="RolloutEventTarget"/>), from the
/// <see cref="QueuedEventPoster"/>'s loop.
/// </summary>
/// <remarks>
/// An Event's name is derived from the group, reason, node and message, so a restarted provider (or a second replica)
/// recording the same fact gets AlreadyExists instead of a second Event. The message carries the figures, so a new
/// fact of the same kind on the same node (a second halt, other numbers) is a new Event.
/// </remarks>
internal sealed class KubernetesRolloutEvents(
    IKubernetesApiClient client, RolloutEventTarget? target, TimeProvider time, ILogger<KubernetesRolloutEvents> logger)
    : QueuedEventPoster(client, "Rollout", logger), IRolloutEvents
{
    private int _untargeted;

    public void Record(RolloutEvent rolloutEvent)
    {
        ArgumentNullException.ThrowIfNull(rolloutEvent);
        if (InvolvedObject(rolloutEvent) is not { } involved)
        {
            if (Interlocked.Increment(ref _untargeted) == 1)
            {
                Log.NoEventTarget(logger);
            }

            return;
        }

        Enqueue(NewEvent(
            NameFor(rolloutEvent, involved.Name!), involved, rolloutEvent.Reason, $"group {rolloutEvent.GroupId}: {rolloutEvent.Message}",
            rolloutEvent.Warning, time.GetUtcNow()));
    }

    /// <summary>
    /// A Node is cluster-scoped: its reference has no namespace and its Events live in <c>default</c>, as the kubelet's
    /// do. Its uid is the node's name, as the kubelet writes it, because <c>kubectl describe node</c> looks for Events by
    /// that uid.
    /// </summary>
    private ObjectReference? InvolvedObject(RolloutEvent rolloutEvent) => rolloutEvent.NodeName is { Length: > 0 } node
        ? new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node, Uid = node }
        : target is null ? null
        : new ObjectReference { ApiVersion = "v1", Kind = "Pod", Namespace = target.Namespace, Name = target.PodName };

    private static string NameFor(RolloutEvent rolloutEvent, string objectName) =>
        EventNames.For(objectName, $"{rolloutEvent.GroupId}\n{rolloutEvent.Reason}\n{rolloutEvent.NodeName}\n{rolloutEvent.Message}");
}
