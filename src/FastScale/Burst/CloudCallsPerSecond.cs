namespace FastScale.Burst;

/// <summary>
/// A run's metered ECS calls (the provider's or the baseline's; the simulated kubelets' polls are exempt and left out)
/// per second of the emulator's clock: the buckets are its whole seconds, the windows its rate limits count in, so a
/// bucket's count reads directly against a calls-per-second limit. Bucket k starts <see cref="FirstBucketSeconds"/> + k
/// seconds after t = 0 (the first starts up to a second before t = 0, at the whole second t = 0 falls in). Calls before
/// t = 0 (a warm pool's fill) are not the burst's and are left out.
/// </summary>
internal sealed record CloudCallsPerSecond(
    double FirstBucketSeconds, IReadOnlyDictionary<string, IReadOnlyList<long>> Calls, IReadOnlyDictionary<string, IReadOnlyList<long>> Throttled)
{
    public static CloudCallsPerSecond Empty { get; } = new(
        0, new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal), new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal));

    /// <summary>Number of buckets: the run's length in whole seconds, rounded up.</summary>
    public int Seconds => Calls.Values.Concat(Throttled.Values).Select(s => s.Count).DefaultIfEmpty(0).Max();

    /// <summary>Buckets every call from t0 to end; every action called gets a series as long as the run.</summary>
    public static CloudCallsPerSecond From(IEnumerable<(string Action, DateTimeOffset At, bool Throttled)> calls, DateTimeOffset t0, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var start = new DateTimeOffset(t0.UtcTicks - (t0.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var buckets = Math.Max(1, (int)Math.Ceiling((end - start).TotalSeconds));
        var counts = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var throttled = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (action, at, wasThrottled) in calls)
        {
            var second = (at - start).TotalSeconds;
            if (at < t0 || second >= buckets)
            {
                continue;
            }

            var k = (int)second;
            Series(counts, action, buckets)[k]++;
            if (wasThrottled)
            {
                Series(throttled, action, buckets)[k]++;
            }
        }

        return new CloudCallsPerSecond(
            (start - t0).TotalSeconds,
            counts.ToDictionary(c => c.Key, c => (IReadOnlyList<long>)c.Value, StringComparer.Ordinal),
            throttled.ToDictionary(c => c.Key, c => (IReadOnlyList<long>)c.Value, StringComparer.Ordinal));
    }

    /// <summary>Throttled calls of every action in each second.</summary>
    public IReadOnlyList<long> ThrottledTotal()
    {
        var total = new long[Seconds];
        foreach (var series in Throttled.Values)
        {
            for (var k = 0; k < series.Count; k++)
            {
                total[k] += series[k];
            }
        }

        return total;
    }

    private static long[] Series(SortedDictionary<string, long[]> all, string action, int buckets)
    {
        if (!all.TryGetValue(action, out var series))
        {
            series = new long[buckets];
            all[action] = series;
        }

        return series;
    }
}
