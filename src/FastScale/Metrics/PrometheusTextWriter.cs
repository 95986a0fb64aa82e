using System.Text;

namespace FastScale.Metrics;

/// <summary>
/// Writes families in the text exposition format 0.0.4: per family one <c># HELP</c> and one <c># TYPE</c> line, then
/// its samples; histograms as cumulative <c>_bucket{le=...}</c> lines ending with <c>le="+Inf"</c>, then
/// <c>_sum</c> and <c>_count</c>. Families come in name order and series in label order, so two scrapes of an idle
/// process are identical.
/// </summary>
internal static class PrometheusTextWriter
{
    public static void Write(StringBuilder text, IEnumerable<MetricFamily> families)
    {
        foreach (var family in families.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            WriteFamily(text, family);
        }
    }

    private static void WriteFamily(StringBuilder text, MetricFamily family)
    {
        text.Append("# HELP ").Append(family.Name).Append(' ');
        PrometheusText.AppendHelp(text, family.Help);
        text.Append('\n');
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Kind)).Append('\n');
        foreach (var series in family.Snapshot())
        {
            if (family.Kind == MetricKind.Histogram)
            {
                WriteHistogram(text, family, series);
            }
            else
            {
                WriteSample(text, family.Name, "", series.Labels, null, series.Value);
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, MetricFamily family, MetricSeries series)
    {
        // Buckets before the sum (see MetricSeries.Observe for the other half of this order).
        var buckets = series.CumulativeBuckets();
        var sum = series.Value;
        for (var i = 0; i < buckets.Length; i++)
        {
            var le = i < family.Bounds.Length ? PrometheusText.Number(family.Bounds[i]) : "+Inf";
            WriteSample(text, family.Name, "_bucket", series.Labels, le, buckets[i]);
        }

        WriteSample(text, family.Name, "_sum", series.Labels, null, sum);
        WriteSample(text, family.Name, "_count", series.Labels, null, buckets[^1]);
    }

    private static void WriteSample(StringBuilder text, string name, string suffix, string labels, string? le, double value)
    {
        text.Append(name).Append(suffix);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    private static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Gauge => "gauge",
        MetricKind.Histogram => "histogram",
        _ => "untyped",
    };
}
