using FastScale.Engine.Observability;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;

namespace FastScale.Kubernetes.Adapters.Readiness;

/// <summary>
/// <c>fastscale_node_ready_seconds{group}</c>: for each instance FastScale launched (a RunInstances or a warm start the
/// cloud accepted), the time from that acceptance to its Node being Ready, schedulable and free of the not-ready
/// taint, as the provider's node watch first sees it. Recorded once per instance; instances adopted at start-up and
/// failed creations are not timed.
/// </summary>
internal sealed class NodeReadinessMetrics : BackgroundService
{
    public const string MeterName = "FastScale.NodeReadiness";

    /// <summary>An instance whose node never turns Ready (repaired, deleted) is forgotten after this.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private static readonly double[] Buckets = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

    private readonly ConcurrentDictionary<string, (string Group, long LaunchedAt)> _launched = new(StringComparer.Ordinal);
    private readonly NodeGroupRegistry _registry;
    private readonly IInformer<Node> _nodes;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Histogram<double> _readySeconds;

    /// <summary>The per-group series shown at zero from start-up (<see cref="MetricSeriesDeclaration"/>).</summary>
    public static IEnumerable<MetricSeriesDeclaration> SeriesFor(IEnumerable<string> groupIds) =>
        MetricSeriesDeclaration.PerGroup(groupIds, "fastscale_node_ready_seconds");

    public NodeReadinessMetrics(NodeGroupRegistry registry, IInformer<Node> nodes, TimeProvider time, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        (_registry, _nodes, _time) = (registry, nodes, time);
        _meter = meterFactory.Create(MeterName);
        _readySeconds = _meter.CreateHistogram("fastscale_node_ready_seconds", unit: "s",
            description: "From the cloud accepting an instance's launch (or warm start) to its Node being Ready and schedulable.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });

        // Subscribed now, not when the service starts: a launch in between would otherwise go untimed.
        _registry.InstancesLaunched += OnLaunched;
    }

    /// <summary>Instances launched whose node has not yet been seen Ready.</summary>
    public int Waiting => _launched.Count;

    public override void Dispose()
    {
        _registry.InstancesLaunched -= OnLaunched;
        _meter.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = _nodes.Subscribe(replayExisting: true);
        try
        {
            await foreach (var change in changes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (change.Type != InformerChangeType.Deleted && IsReady(change.Object) &&
                    NodeIndexes.InstanceIdOf(change.Object) is { } instanceId)
                {
                    Observe(instanceId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void OnLaunched(NodeGroup group, IReadOnlyList<string> instanceIds)
    {
        var now = _time.GetTimestamp();
        foreach (var id in instanceIds)
        {
            _launched[id] = (group.Id, now);
        }

        // A warm instance's node may already be Ready and uncordoned by the time its start is accepted.
        foreach (var id in instanceIds)
        {
            if (NodeIndexes.NodesOf(_nodes, id).Any(IsReady))
            {
                Observe(id);
            }
        }
    }

    private void Observe(string instanceId)
    {
        if (!_launched.TryRemove(instanceId, out var launch))
        {
            return;
        }

        var elapsed = _time.GetElapsedTime(launch.LaunchedAt);
        _readySeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("group", launch.Group));
        foreach (var (id, stale) in _launched)
        {
            if (_time.GetElapsedTime(stale.LaunchedAt) > Forget)
            {
                _launched.TryRemove(id, out _);
            }
        }
    }

    // Schedulable on top of Ready: a warm instance's node stays cordoned until a scale-out takes it, and its launch is
    // timed to the moment it can take pods.
    private static bool IsReady(Node node) => NodeReady.IsReadyAndSchedulable(node);
}
