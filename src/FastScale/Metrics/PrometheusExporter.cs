using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FastScale.Metrics;

/// <summary>
/// Listens to this app's FastScale meters and renders them in the Prometheus text exposition format 0.0.4 for
/// <c>GET /metrics</c>.
/// </summary>
/// <remarks>
/// <para>Only meters created through this app's <see cref="IMeterFactory"/> (whose <see cref="Meter.Scope"/> is that
/// factory) are exported, so two providers in one process (tests, the in-process failover run) never count each
/// other's calls. A component that wants its figures on /metrics therefore creates its meter from the injected
/// factory, not with <c>new Meter(...)</c>.</para>
/// <para>Each instrument becomes one family named after it (see <see cref="InstrumentShape"/>). Recording is lock-free:
/// a series is found by the measurement's tags without allocating (string tag values) and updated with interlocked
/// operations. Observable instruments are called at scrape time, under the scrape lock.</para>
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the text exposition format this exporter writes.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Lock _scrape = new();
    private readonly MeterListener _listener;
    private readonly IMeterFactory _meterFactory;
    private readonly PrometheusExporterOptions _options;
    private readonly ILogger<PrometheusExporter> _logger;

    public PrometheusExporter(IMeterFactory meterFactory, ILogger<PrometheusExporter> logger, PrometheusExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_meterFactory, _logger, _options) = (meterFactory, logger, options);
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricFamily)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Calls the observable instruments and renders every family.</summary>
    public string Scrape()
    {
        var text = new StringBuilder(16 * 1024);
        lock (_scrape)
        {
            foreach (var family in _families.Values)
            {
                if (family.Observable)
                {
                    family.Clear();
                }
            }

            _listener.RecordObservableInstruments();
            PrometheusTextWriter.Write(text, _families.Values);
        }

        foreach (var family in _families.Values)
        {
            if (family.TakeOverflowNotice())
            {
                Log.SeriesLimit(_logger, family.Name, _options.MaxSeriesPerFamily);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!ReferenceEquals(meter.Scope, _meterFactory) || !meter.Name.StartsWith(_options.MeterPrefix, StringComparison.Ordinal) ||
            InstrumentShape.Of(instrument) is not { } shape)
        {
            return;
        }

        var family = _families.GetOrAdd(shape.Name, static (name, state) => new MetricFamily(
            name,
            string.IsNullOrWhiteSpace(state.Instrument.Description) ? $"{state.Instrument.Name} of meter {state.Instrument.Meter.Name}." : state.Instrument.Description,
            state.Shape.Kind,
            state.Shape.ReplacesValue,
            state.Shape.Observable,
            state.Shape.Kind == MetricKind.Histogram ? HistogramBuckets.For(state.Instrument, name) : [],
            state.MaxSeries), (Instrument: instrument, Shape: shape, MaxSeries: _options.MaxSeriesPerFamily));
        if (family.Kind != shape.Kind || family.ReplacesValue != shape.ReplacesValue || family.Observable != shape.Observable)
        {
            Log.FamilyConflict(_logger, instrument.Name, meter.Name, family.Name, family.Kind);
            return;
        }

        listener.EnableMeasurementEvents(instrument, family);
        if (!family.Observable)
        {
            // Observable families are refilled by their callbacks at every scrape; the others start at zero.
            foreach (var declared in _options.DeclaredSeries.Where(d => d.Instrument == instrument.Name))
            {
                family.Declare([.. declared.Tags]);
            }
        }
    }
}
