using FastScale.Engine.Observability;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FastScale.Engine.Repair;

/// <summary>
/// Repair's figures, on the <c>FastScale.Repair</c> meter for the exporter and in memory for reports and tests:
/// <c>fastscale_repairs_total{group,reason}</c> counts replacements, <c>fastscale_repair_paused{group}</c> is 1 while
/// the group's brake holds.
/// </summary>
public sealed class RepairMetrics : IDisposable
{
    public const string MeterName = "FastScale.Repair";

    private readonly Meter _meter;
    private readonly Counter<long> _repairs;
    private readonly ConcurrentDictionary<(string Group, RepairReason Reason), long> _counts = new();
    private readonly ConcurrentDictionary<string, bool> _paused = new(StringComparer.Ordinal);

    /// <summary>The series shown at zero from start-up: every group with every reason (<see cref="MetricSeriesDeclaration"/>).</summary>
    public static IEnumerable<MetricSeriesDeclaration> SeriesFor(IEnumerable<string> groupIds) =>
        from groupId in groupIds
        from reason in Enum.GetValues<RepairReason>()
        select new MetricSeriesDeclaration("fastscale_repairs_total",
            [new KeyValuePair<string, object?>("group", groupId), new KeyValuePair<string, object?>("reason", reason.Label())]);

    public RepairMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _repairs = _meter.CreateCounter<long>("fastscale_repairs_total", description: "Instances replaced by repair, by group and reason.");
        _meter.CreateObservableGauge("fastscale_repair_paused", ObservePaused,
            description: "1 while repair of the group is paused because too much of it is unhealthy, else 0.");
    }

    /// <summary>Replacements over every group and reason.</summary>
    public long Total => _counts.Values.Sum();

    public long Count(string groupId, RepairReason reason) => _counts.GetValueOrDefault((groupId, reason));

    internal void RecordReplacement(string groupId, RepairReason reason)
    {
        _counts.AddOrUpdate((groupId, reason), 1, static (_, n) => n + 1);
        _repairs.Add(1, new KeyValuePair<string, object?>("group", groupId), new KeyValuePair<string, object?>("reason", reason.Label()));
    }

    internal void SetPaused(string groupId, bool paused) => _paused[groupId] = paused;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObservePaused() =>
        _paused.Select(pair => new Measurement<int>(pair.Value ? 1 : 0, new KeyValuePair<string, object?>("group", pair.Key)));
}
