using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using FastScale.Engine.Repair;

namespace FastScale.Engine.Tests.Repair;

public sealed class RepairMetricsTests
{
    [Fact]
    public void Replacements_AreCountedByGroupAndReason_AndThePauseIsAGauge()
    {
        // A meter factory of its own: other tests record on meters of the same name at the same time.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var metrics = new RepairMetrics(factory);
        var seen = new List<(string Name, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => seen.Add((i.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => seen.Add((i.Name, value, Tags(tags))));
        listener.Start();

        metrics.RecordReplacement("g1", RepairReason.NeverReady);
        metrics.RecordReplacement("g1", RepairReason.NeverReady);
        metrics.RecordReplacement("g2", RepairReason.Stopped);
        metrics.SetPaused("g1", true);
        metrics.SetPaused("g2", false);
        listener.RecordObservableInstruments();

        Assert.Equal(2, metrics.Count("g1", RepairReason.NeverReady));
        Assert.Equal(3, metrics.Total);
        Assert.Equal(2, seen.Count(s => s is { Name: "fastscale_repairs_total", Tags: "group=g1,reason=never_ready" }));
        Assert.Contains(("fastscale_repairs_total", 1L, "group=g2,reason=stopped"), seen);
        Assert.Contains(("fastscale_repair_paused", 1L, "group=g1"), seen);
        Assert.Contains(("fastscale_repair_paused", 0L, "group=g2"), seen);
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(',', parts.Order(StringComparer.Ordinal));
    }
}
