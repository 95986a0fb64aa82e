using System.Diagnostics.Metrics;

namespace FastScale.Metrics;

/// <summary>
/// How an instrument maps onto a Prometheus family: the family name, its type, and whether measurements replace or
/// add to the value. The family name is the instrument's name (we name instruments in Prometheus style directly,
/// e.g. <c>fastscale_grpc_requests_total</c>), sanitised, with the base-unit suffix appended when the unit is
/// <c>s</c> or <c>By</c> and the name lacks <c>_seconds</c> / <c>_bytes</c>, and <c>_total</c> appended to counters
/// that lack it. Instruments must record base units: the exporter never rescales values.
/// </summary>
internal sealed record InstrumentShape(string Name, MetricKind Kind, bool ReplacesValue, bool Observable)
{
    private const string Total = "_total";

    /// <summary>The shape of <paramref name="instrument"/>, or null for an instrument type Prometheus cannot express.</summary>
    public static InstrumentShape? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        (MetricKind Kind, bool Replaces)? shape =
            definition == typeof(Counter<>) ? (MetricKind.Counter, false)
            : definition == typeof(ObservableCounter<>) ? (MetricKind.Counter, true)
            : definition == typeof(UpDownCounter<>) ? (MetricKind.Gauge, false)
            : definition == typeof(ObservableUpDownCounter<>) ? (MetricKind.Gauge, true)
            : definition == typeof(ObservableGauge<>) ? (MetricKind.Gauge, true)
            : definition == typeof(Gauge<>) ? (MetricKind.Gauge, true)
            : definition == typeof(Histogram<>) ? (MetricKind.Histogram, false)
            : null;
        return shape is { } s ? new InstrumentShape(FamilyName(instrument.Name, instrument.Unit, s.Kind), s.Kind, s.Replaces, instrument.IsObservable) : null;
    }

    public static string FamilyName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = PrometheusText.MetricName(instrumentName);
        var counted = kind == MetricKind.Counter && name.EndsWith(Total, StringComparison.Ordinal);
        if (counted)
        {
            name = name[..^Total.Length];
        }

        var suffix = unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => null,
        };
        if (suffix is not null && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        return kind == MetricKind.Counter ? name + Total : name;
    }
}
