using System.Diagnostics.Metrics;

namespace FastScale.Metrics;

/// <summary>
/// Bucket upper bounds of a histogram: the instrument's <see cref="InstrumentAdvice{T}.HistogramBucketBoundaries"/>
/// when it gives them, else a default fitting its unit.
/// </summary>
internal static class HistogramBuckets
{
    /// <summary>
    /// Seconds from a millisecond (an answer from memory) to five minutes (an instance from request to Ready node),
    /// so one default serves both the gRPC path and the cloud.
    /// </summary>
    public static IReadOnlyList<double> Seconds { get; } =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>For anything that is not a duration: a coarse 1-2.5-5 ladder from 1 to 10,000.</summary>
    public static IReadOnlyList<double> Other { get; } = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    public static double[] For(Instrument instrument, string familyName)
    {
        var advised = instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } b } => b.ToArray(),
            Histogram<float> { Advice.HistogramBucketBoundaries: { } b } => b.Select(v => (double)v).ToArray(),
            Histogram<long> { Advice.HistogramBucketBoundaries: { } b } => b.Select(v => (double)v).ToArray(),
            Histogram<int> { Advice.HistogramBucketBoundaries: { } b } => b.Select(v => (double)v).ToArray(),
            Histogram<short> { Advice.HistogramBucketBoundaries: { } b } => b.Select(v => (double)v).ToArray(),
            Histogram<byte> { Advice.HistogramBucketBoundaries: { } b } => b.Select(v => (double)v).ToArray(),
            Histogram<decimal> { Advice.HistogramBucketBoundaries: { } b } => b.Select(v => (double)v).ToArray(),
            _ => null,
        };
        var bounds = advised ?? [.. familyName.EndsWith("_seconds", StringComparison.Ordinal) ? Seconds : Other];

        // +Inf is implied; duplicates and NaN would make two buckets with the same "le".
        return [.. bounds.Where(b => !double.IsNaN(b) && !double.IsPositiveInfinity(b)).Distinct().Order()];
    }
}
