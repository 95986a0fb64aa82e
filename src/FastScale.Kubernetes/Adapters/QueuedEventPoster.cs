using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters;

/// <summary>
/// Posts core/v1 Events from a loop of its own. The engine records facts from its passes, which must not wait on the
/// API server, so events are queued; a full queue drops rather than blocks, since the log and the metrics have the same
/// facts. An Event already posted (AlreadyExists: names come from <see cref="EventNames"/>) counts as posted.
/// </summary>
internal abstract partial class QueuedEventPoster(IKubernetesApiClient client, string topic, ILogger logger) : BackgroundService
{
    public const string Component = "fastscale";
    private const int QueueCapacity = 1024;

    private readonly Channel<KubernetesEvent> _queue = Channel.CreateBounded<KubernetesEvent>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int _dropped;
    private int _posted;

    /// <summary>Events posted, or found already posted.</summary>
    public int Posted => Volatile.Read(ref _posted);

    /// <summary>An Event by FastScale about <paramref name="involved"/>, first and last seen now.</summary>
    protected static KubernetesEvent NewEvent(
        string name, ObjectReference involved, string reason, string message, bool warning, DateTimeOffset now) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = involved.Namespace ?? "default" },
            InvolvedObject = involved,
            Reason = reason,
            Message = message,
            Type = warning ? "Warning" : "Normal",
            Source = new EventSource { Component = Component },
            ReportingComponent = Component,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
        };

    protected void Enqueue(KubernetesEvent evt)
    {
        if (!_queue.Writer.TryWrite(evt) && Interlocked.Increment(ref _dropped) == 1)
        {
            LogQueueFull(logger, topic, QueueCapacity);
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
                var involved = evt.InvolvedObject!;
                LogPostFailed(logger, evt.Reason ?? "", involved.Kind ?? "", involved.Namespace is { Length: > 0 } ns ? $"{ns}/{involved.Name}" : involved.Name ?? "", result.Error.ToString());
            }
        }
    }

    [LoggerMessage(3201, LogLevel.Warning, "{Topic} Events queue full ({Capacity}): dropping Kubernetes Events until it drains (the log and metrics still have them)")]
    private static partial void LogQueueFull(ILogger logger, string topic, int capacity);

    [LoggerMessage(3202, LogLevel.Warning, "Could not post a {Reason} Event on {Kind} {Name}: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string reason, string kind, string name, string error);
}
