using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FastScale.Engine.Observability;

namespace FastScale.Engine.Rollout;

/// <summary>
/// A rollout's figures on the <c>FastScale.Rollout</c> meter: <c>fastscale_rollout_state{group,state}</c> (1 for the
/// group's current state, 0 for the others), <c>fastscale_rollout_nodes{group,kind}</c> (old, new, draining, surge: the
/// progress), <c>fastscale_rollout_replaced_total{group}</c>, <c>fastscale_rollout_halts_total{group,reason}</c> and
/// <c>fastscale_rollout_drains_total{group,result}</c>. Every series exists from start-up (<see cref="SeriesFor"/>).
/// </summary>
public sealed class RolloutMetrics : IDisposable
{
    public static readonly IReadOnlyList<string> HaltReasons = ["replacement_not_ready", "launch_failed", "repair_brake"];

    private readonly Meter _meter;
    private readonly Counter<long> _replaced;
    private readonly Counter<long> _halts;
    private readonly Counter<long> _drains;
    private readonly ConcurrentDictionary<string, long> _replacedCounts = new(StringComparer.Ordinal);
    private RolloutController? _controller;

    public RolloutMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(DriftMetrics.MeterName) ?? new Meter(DriftMetrics.MeterName);
        _replaced = _meter.CreateCounter<long>("fastscale_rollout_replaced_total", description: "Drifted nodes drained and released by a rollout, by group.");
        _halts = _meter.CreateCounter<long>("fastscale_rollout_halts_total", description: "Rollouts that stopped by themselves, by group and reason.");
        _drains = _meter.CreateCounter<long>("fastscale_rollout_drains_total", description: "Node drains ended, by group and result (drained, node_gone, timed_out, forced).");
        _meter.CreateObservableGauge("fastscale_rollout_state", ObserveState, description: "1 for the rollout state the group is in (idle, rolling, paused, outside_window, halted), 0 for the others.");
        _meter.CreateObservableGauge("fastscale_rollout_nodes", ObserveNodes, description: "A group's nodes by template as the rollout last counted them: old (drifted, draining included), new, draining, surge (launched by the rollout, not Ready yet).");
    }

    /// <summary>Every series shown at zero from start-up.</summary>
    public static IEnumerable<MetricSeriesDeclaration> SeriesFor(IEnumerable<string> groupIds) =>
        groupIds.SelectMany(group => MetricSeriesDeclaration.PerGroup([group], "fastscale_rollout_replaced_total")
            .Concat(HaltReasons.Select(r => Series("fastscale_rollout_halts_total", group, "reason", r)))
            .Concat(Enum.GetValues<DrainResult>().Select(r => Series("fastscale_rollout_drains_total", group, "result", Label(r)))));

    public long Replaced(string groupId) => _replacedCounts.GetValueOrDefault(groupId);

    internal void Observe(RolloutController controller) => _controller = controller;

    internal void RecordReplaced(string groupId)
    {
        _replacedCounts.AddOrUpdate(groupId, 1, static (_, n) => n + 1);
        _replaced.Add(1, Group(groupId));
    }

    internal void RecordHalt(string groupId, string reason) => _halts.Add(1, Group(groupId), new("reason", reason));

    internal void RecordDrain(string groupId, DrainOutcome outcome) => _drains.Add(1, Group(groupId), new("result", Label(outcome.Result)));

    public void Dispose() => _meter.Dispose();

    private static string Label(DrainResult result) => result switch
    {
        DrainResult.Drained => "drained",
        DrainResult.NodeGone => "node_gone",
        DrainResult.TimedOut => "timed_out",
        _ => "forced",
    };

    private static MetricSeriesDeclaration Series(string instrument, string group, string key, string value) =>
        new(instrument, [Group(group), new(key, value)]);

    private static KeyValuePair<string, object?> Group(string groupId) => new("group", groupId);

    private IEnumerable<Measurement<int>> ObserveState() =>
        from g in _controller?.Groups ?? []
        from state in Enum.GetValues<RolloutState>()
        select new Measurement<int>(g.Rollout.State == state ? 1 : 0, Group(g.GroupId), new("state", state.Label()));

    private IEnumerable<Measurement<int>> ObserveNodes()
    {
        foreach (var (groupId, rollout) in _controller?.Groups ?? [])
        {
            var counts = rollout.Counts;
            yield return new Measurement<int>(counts.Old, Group(groupId), new("kind", "old"));
            yield return new Measurement<int>(counts.New, Group(groupId), new("kind", "new"));
            yield return new Measurement<int>(counts.Draining, Group(groupId), new("kind", "draining"));
            yield return new Measurement<int>(counts.Surge, Group(groupId), new("kind", "surge"));
        }
    }
}
