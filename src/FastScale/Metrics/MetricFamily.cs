using System.Collections.Concurrent;
using System.Text;

namespace FastScale.Metrics;

/// <summary>
/// One metric family (one <c># HELP</c>/<c># TYPE</c> block): its series by label set, and how measurements of its
/// instrument fold into them. Counters, up-down counters and histograms accumulate; gauges and observable instruments
/// (which report totals, not deltas) replace the value.
/// </summary>
internal sealed class MetricFamily
{
    private readonly ConcurrentDictionary<LabelKey, MetricSeries> _byTags = new(new LabelKeyComparer());
    private readonly ConcurrentDictionary<LabelKey, MetricSeries>.AlternateLookup<TagSpan> _lookup;
    private readonly ConcurrentDictionary<string, MetricSeries> _byLabels = new(StringComparer.Ordinal);
    private readonly int _maxSeries;
    private int _overflowed;

    public MetricFamily(string name, string help, MetricKind kind, bool replacesValue, bool observable, double[] bounds, int maxSeries)
    {
        (Name, Help, Kind, ReplacesValue, Observable, Bounds, _maxSeries) = (name, help, kind, replacesValue, observable, bounds, maxSeries);
        _lookup = _byTags.GetAlternateLookup<TagSpan>();
    }

    public string Name { get; }
    public string Help { get; }
    public MetricKind Kind { get; }

    /// <summary>Measurements are the current value (gauges, observable counters) rather than an increment.</summary>
    public bool ReplacesValue { get; }

    /// <summary>Values come from callbacks at scrape time; series not reported by the latest scrape are gone.</summary>
    public bool Observable { get; }

    /// <summary>Histogram upper bounds, ascending, without +Inf; empty for other kinds.</summary>
    public double[] Bounds { get; }

    /// <summary>True once, the first time a new label set was refused because the family is full.</summary>
    public bool TakeOverflowNotice() => Volatile.Read(ref _overflowed) == 1 && Interlocked.Exchange(ref _overflowed, 2) == 1;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value) || (Kind == MetricKind.Counter && !ReplacesValue && value < 0))
        {
            // A counter never goes down, and NaN would poison a sum for good.
            return;
        }

        if (!_lookup.TryGetValue(new TagSpan(tags), out var series) && (series = AddSeries(tags)) is null)
        {
            return;
        }

        if (Kind == MetricKind.Histogram)
        {
            var index = Array.BinarySearch(Bounds, value);
            series.Observe(index >= 0 ? index : ~index, value);
        }
        else if (ReplacesValue)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }

    /// <summary>Makes the series of <paramref name="tags"/> exist, at zero if it did not.</summary>
    public void Declare(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_lookup.TryGetValue(new TagSpan(tags), out _))
        {
            AddSeries(tags);
        }
    }

    /// <summary>Forgets every series; called before observable callbacks report afresh.</summary>
    public void Clear()
    {
        _byTags.Clear();
        _byLabels.Clear();
    }

    /// <summary>The series sorted by their label text, so the exposition is stable from scrape to scrape.</summary>
    public List<MetricSeries> Snapshot()
    {
        var series = _byLabels.Values.ToList();
        series.Sort(static (a, b) => string.CompareOrdinal(a.Labels, b.Labels));
        return series;
    }

    private MetricSeries? AddSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = RenderLabels(tags);
        if (!_byLabels.TryGetValue(labels, out var series))
        {
            if (_byLabels.Count >= _maxSeries)
            {
                Interlocked.CompareExchange(ref _overflowed, 1, 0);
                return null;
            }

            series = _byLabels.GetOrAdd(labels, new MetricSeries(labels, Kind == MetricKind.Histogram ? Bounds.Length + 1 : 0));
        }

        // Tags in another order, or values that render alike, reach the same series through a second key.
        return _byTags.GetOrAdd(LabelKey.From(tags), series);
    }

    private static string RenderLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var pairs = new (string Name, string Value)[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            pairs[i] = (PrometheusText.LabelName(tags[i].Key), LabelKey.ValueText(tags[i].Value));
        }

        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(name).Append("=\"");
            PrometheusText.AppendLabelValue(text, value);
            text.Append('"');
        }

        return text.ToString();
    }
}
