using FastScale.Engine.Observability;
using System.Diagnostics.Metrics;

namespace FastScale.Engine.Demand;

/// <summary>
/// Fast mode's figures: decisions, nodes asked for, unplaceable pods, and the time from a pod becoming unschedulable to
/// the raise. Published on the <c>FastScale.Demand</c> meter for the exporter, and kept in memory (totals and the last
/// decisions) for reports and tests.
/// </summary>
public sealed class DemandMetrics : IDisposable
{
    public const string MeterName = "FastScale.Demand";

    private readonly Lock _gate = new();
    private readonly Queue<DemandDecision> _recent = new();
    private readonly int _keep;
    private readonly Meter _meter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _nodes;
    private readonly Counter<long> _unplaceable;
    private readonly Histogram<double> _latency;
    private long _decisionCount;
    private long _nodeCount;
    private long _unplaceableCount;

    /// <summary>The per-group series shown at zero from start-up (<see cref="MetricSeriesDeclaration"/>).</summary>
    public static IEnumerable<MetricSeriesDeclaration> SeriesFor(IEnumerable<string> groupIds) =>
        MetricSeriesDeclaration.PerGroup(groupIds, "fastscale_demand_decisions_total", "fastscale_demand_nodes_requested_total", "fastscale_demand_decision_seconds");

    public DemandMetrics(IMeterFactory? meterFactory = null, int keep = 64)
    {
        _keep = keep;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _decisions = _meter.CreateCounter<long>("fastscale_demand_decisions_total", description: "Group target raises made by fast mode.");
        _nodes = _meter.CreateCounter<long>("fastscale_demand_nodes_requested_total", description: "Nodes fast mode asked for.");
        _unplaceable = _meter.CreateCounter<long>("fastscale_demand_unplaceable_pods_total", description: "Pending pods no group can host, counted once per pod.");
        _latency = _meter.CreateHistogram<double>("fastscale_demand_decision_seconds", unit: "s",
            description: "From the oldest pod of a raise becoming unschedulable to the raise.");
    }

    public long Decisions => Interlocked.Read(ref _decisionCount);

    public long NodesRequested => Interlocked.Read(ref _nodeCount);

    public long UnplaceablePods => Interlocked.Read(ref _unplaceableCount);

    /// <summary>The last decisions, oldest first.</summary>
    public IReadOnlyList<DemandDecision> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _recent];
            }
        }
    }

    public void RecordDecision(DemandDecision decision)
    {
        Interlocked.Increment(ref _decisionCount);
        Interlocked.Add(ref _nodeCount, decision.Delta);
        var group = new KeyValuePair<string, object?>("group", decision.GroupId);
        _decisions.Add(1, group);
        _nodes.Add(decision.Delta, group);
        _latency.Record(Math.Max(0, decision.SinceOldestPod.TotalSeconds), group);
        lock (_gate)
        {
            _recent.Enqueue(decision);
            while (_recent.Count > _keep)
            {
                _recent.Dequeue();
            }
        }
    }

    public void RecordUnplaceable(UnplacedPod pod)
    {
        Interlocked.Increment(ref _unplaceableCount);
        _unplaceable.Add(1, new KeyValuePair<string, object?>("reason", pod.Kind.ToString()));
    }

    public void Dispose() => _meter.Dispose();
}
