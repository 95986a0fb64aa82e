using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FastScale.Engine.Observability;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>
/// <c>fastscale_rollout_evictions_total{group,outcome}</c>: what became of each pod a rollout drain asked to remove.
/// <c>evicted</c>: the Eviction API granted it; <c>refused</c>: a 429, a disruption budget said not now (the same pod
/// may be refused many times); <c>forced</c>: deleted past the drain timeout, budgets notwithstanding; <c>gone</c>: the
/// pod had left before its eviction arrived. Kept in memory too, for tests and reports.
/// </summary>
public sealed class RolloutEvictionMetrics : IDisposable
{
    public const string MeterName = "FastScale.RolloutEvictions";
    public const string Instrument = "fastscale_rollout_evictions_total";

    public const string Evicted = "evicted";
    public const string Refused = "refused";
    public const string Forced = "forced";
    public const string Gone = "gone";

    private static readonly string[] Outcomes = [Evicted, Refused, Forced, Gone];

    private readonly Meter _meter;
    private readonly Counter<long> _evictions;
    private readonly ConcurrentDictionary<(string Group, string Outcome), long> _counts = new();

    public RolloutEvictionMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _evictions = _meter.CreateCounter<long>(Instrument, description: "Pods a rollout drain asked to remove, by group and outcome (evicted, refused, forced, gone).");
    }

    /// <summary>The series shown at zero from start-up: every group with every outcome (<see cref="MetricSeriesDeclaration"/>).</summary>
    public static IEnumerable<MetricSeriesDeclaration> SeriesFor(IEnumerable<string> groupIds) =>
        from groupId in groupIds
        from outcome in Outcomes
        select new MetricSeriesDeclaration(Instrument,
            [new KeyValuePair<string, object?>("group", groupId), new KeyValuePair<string, object?>("outcome", outcome)]);

    public long Count(string groupId, string outcome) => _counts.GetValueOrDefault((groupId, outcome));

    internal void Record(string groupId, string outcome)
    {
        _counts.AddOrUpdate((groupId, outcome), 1, static (_, n) => n + 1);
        _evictions.Add(1, new KeyValuePair<string, object?>("group", groupId), new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Dispose() => _meter.Dispose();
}
