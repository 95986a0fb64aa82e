using System.Diagnostics.Metrics;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Rollout;
using FastScale.Engine.WarmPool;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Engine.Tests.Rollout;

/// <summary>A <see cref="DriftMetrics"/> on a meter factory of its own (other tests use meters of the same name at once), read by a listener.</summary>
internal sealed class DriftMetricsProbe : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DriftMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly List<(string Group, string Pool, int Value)> _seen = [];

    public DriftMetricsProbe(NodeGroupRegistry registry, WarmPoolManager? pools)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new DriftMetrics(registry, pools, factory);
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == DriftMetrics.Instrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            string group = "", pool = "";
            foreach (var tag in tags)
            {
                (group, pool) = tag.Key switch
                {
                    "group" => ((string)tag.Value!, pool),
                    "pool" => (group, (string)tag.Value!),
                    _ => (group, pool),
                };
            }

            _seen.Add((group, pool, value));
        });
        _listener.Start();
    }

    public IReadOnlyList<(string Group, string Pool, int Value)> All()
    {
        _seen.Clear();
        _listener.RecordObservableInstruments();
        return [.. _seen];
    }

    public int Drifted(string group, string pool) => All().Single(m => m.Group == group && m.Pool == pool).Value;

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _services.Dispose();
    }
}
