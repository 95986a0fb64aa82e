namespace FastScale.Metrics;

/// <summary>
/// One series of a family (one label set): a value, or a histogram's per-bucket counts and sum. Updated with
/// interlocked operations only, so recording from many threads never takes a lock.
/// </summary>
internal sealed class MetricSeries
{
    private readonly long[]? _buckets;
    private long _value;

    public MetricSeries(string labels, int bucketCount)
    {
        Labels = labels;
        if (bucketCount > 0)
        {
            _buckets = new long[bucketCount];
        }
    }

    /// <summary>The rendered label pairs, sorted by name and escaped (<c>code="OK",method="Refresh"</c>); empty for none.</summary>
    public string Labels { get; }

    /// <summary>A counter's or gauge's value; a histogram's sum.</summary>
    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _value));

    public void Add(double delta)
    {
        var current = Interlocked.Read(ref _value);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + delta);
            var seen = Interlocked.CompareExchange(ref _value, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public void Set(double value) => Interlocked.Exchange(ref _value, BitConverter.DoubleToInt64Bits(value));

    /// <summary>Counts a histogram observation in the bucket of index <paramref name="bucket"/> (the last one is +Inf).</summary>
    public void Observe(int bucket, double value)
    {
        // Sum first, bucket second; the writer reads buckets first, sum second: a counted observation is always in
        // the sum it is rendered with.
        Add(value);
        Interlocked.Increment(ref _buckets![bucket]);
    }

    /// <summary>
    /// Cumulative bucket counts, +Inf last. The count of a histogram is the +Inf bucket, so <c>_count</c> and
    /// <c>le="+Inf"</c> always agree even while observations land during a scrape.
    /// </summary>
    public long[] CumulativeBuckets()
    {
        var cumulative = new long[_buckets!.Length];
        long total = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            total += Interlocked.Read(ref _buckets[i]);
            cumulative[i] = total;
        }

        return cumulative;
    }
}
