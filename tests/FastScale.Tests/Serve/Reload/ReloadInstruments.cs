using System.Diagnostics.Metrics;
using FastScale.Serve.Reload;

namespace FastScale.Tests.Serve.Reload;

/// <summary>Reads the reload instruments of one <see cref="PolicyReloadMetrics"/> (by its meter factory) as a scrape would.</summary>
internal sealed class ReloadInstruments : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _reloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _gauges = new(StringComparer.Ordinal);

    public ReloadInstruments(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PolicyReloadMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name == "fastscale_policy_reloads_total" ? (string)tags[0].Value! : instrument.Name;
            var into = instrument.Name == "fastscale_policy_reloads_total" ? _reloads : _gauges;
            into[key] = into.GetValueOrDefault(key) + value;
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _gauges[instrument.Name] = value);
        _listener.Start();
    }

    public long Reloads(string outcome) => _reloads.GetValueOrDefault(outcome);

    public long Gauge(string name)
    {
        _gauges.Remove(name);
        _listener.RecordObservableInstruments();
        return _gauges[name];
    }

    public void Dispose() => _listener.Dispose();
}
