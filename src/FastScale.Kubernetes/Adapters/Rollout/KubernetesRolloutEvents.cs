using System.Threading.Channels;
using FastScale.Engine.Rollout;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// Posts a rollout's events as core/v1 Events where people look: on the Node when the event names one
/// (<c>kubectl describe node</c>), else on the FastScale pod (<see cref="RolloutEventTarget"/>). The rollout calls in
/// from its pass, so events are queued and posted here; a full queue drops rather than blocks, since the log and the
/// metrics have the same facts.
/// </summary>
/// <remarks>
/// An Event's name is derived from the group, reason, node and message, so a restarted provider (or a second replica)
/// recording the same fact gets AlreadyExists instead of a second Event. The message carries the figures, so a new
/// fact of the same kind on the same node (a second halt, other numbers) is a new Event.
/// </remarks>
internal sealed class KubernetesRolloutEvents(
    IKubernetesApiClient client, RolloutEventTarget? target, TimeProvider time, ILogger<KubernetesRolloutEvents> logger)
    : BackgroundService, IRolloutEvents
{
    public const string Component = "fastscale";
    private const int QueueCapacity = 1024;

    private readonly Channel<KubernetesEvent> _queue = Channel.CreateBounded<KubernetesEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int _dropped;
    private int _untargeted;
    private int _posted;

    /// <summary>Events posted, or found already posted.</summary>
    public int Posted => Volatile.Read(ref _posted);

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

        var now = time.GetUtcNow();
        var evt = new KubernetesEvent
        {
            Metadata = new ObjectMeta { Name = NameFor(rolloutEvent, involved.Name!), Namespace = involved.Namespace ?? "default" },
            InvolvedObject = involved,
            Reason = rolloutEvent.Reason,
            Message = $"group {rolloutEvent.GroupId}: {rolloutEvent.Message}",
            Type = rolloutEvent.Warning ? "Warning" : "Normal",
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var evt in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var result = await client.CreateAsync(KubernetesResources.Events, evt, stoppingToken).ConfigureAwait(false);
            if (result.IsSuccess || result.Error.IsAlreadyExists)
            {
                Interlocked.Increment(ref _posted);
            }
            else
            {
                Log.EventFailed(logger, evt.Reason!, evt.InvolvedObject!.Name!, result.Error.ToString());
            }
        }
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
