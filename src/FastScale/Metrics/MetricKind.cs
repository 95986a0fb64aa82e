namespace FastScale.Metrics;

/// <summary>The Prometheus metric types FastScale exposes (text format 0.0.4 <c># TYPE</c>).</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
