using System.Threading.Channels;
using FastScale.Engine.Demand;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// Tells a pod's owner, where they look (<c>kubectl describe pod</c>), that FastScale cannot place it: a Warning Event
/// on the pod with the planner's reason. The controller calls in on its own loop, so events are queued and posted here;
/// a full queue drops rather than blocks, since the log and the metric have the same facts.
/// </summary>
/// <remarks>
/// The event's name is derived from the pod's uid and the reason, so a restarted provider (or a second replica) that
/// reports the same pod again gets AlreadyExists instead of a second event.
/// </remarks>
internal sealed class KubernetesDemandEvents(IKubernetesApiClient client, TimeProvider time, ILogger<KubernetesDemandEvents> logger)
    : BackgroundService, IDemandEvents
{
    public const string UnplaceableReason = "NotTriggerScaleUp";
    public const string Component = "fastscale";
    private const int QueueCapacity = 1024;

    private readonly Channel<KubernetesEvent> _queue = Channel.CreateBounded<KubernetesEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int _dropped;

    /// <summary>Events posted, or found already posted.</summary>
    public int Posted { get; private set; }

    public void PodUnplaceable(UnplacedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var now = time.GetUtcNow();
        var evt = new KubernetesEvent
        {
            Metadata = new ObjectMeta { Name = NameFor(pod), Namespace = pod.Pod.Namespace },
            InvolvedObject = new ObjectReference { ApiVersion = "v1", Kind = "Pod", Namespace = pod.Pod.Namespace, Name = pod.Pod.Name, Uid = pod.Pod.Uid },
            Reason = UnplaceableReason,
            Message = $"pod didn't trigger scale-up: {pod.Reason}",
            Type = "Warning",
            Source = new EventSource { Component = Component },
            ReportingComponent = Component,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
        };
        if (!_queue.Writer.TryWrite(evt) && Interlocked.Increment(ref _dropped) == 1)
        {
            Log.EventsDropped(logger, QueueCapacity);
        }
    }

    // Scale-ups are logged and counted by the controller; an Event needs an object to hang on, and a raise is for many pods.
    public void GroupIncreased(DemandDecision decision)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var evt in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var result = await client.CreateAsync(KubernetesResources.Events, evt, stoppingToken);
            if (result.IsSuccess || result.Error.IsAlreadyExists)
            {
                Posted++;
            }
            else
            {
                Log.EventFailed(logger, evt.InvolvedObject!.Namespace!, evt.InvolvedObject.Name!, result.Error.ToString());
            }
        }
    }

    private static string NameFor(UnplacedPod pod) => EventNames.For(pod.Pod.Name, $"{pod.Pod.Uid}/{pod.Kind}");
}
