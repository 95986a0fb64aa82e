namespace FastScale.Burst.Reports;

/// <summary>
/// A run's cloud API calls per emulated second, one step line per action, with a circle at each second in which calls
/// were throttled (at the height of how many were): where the provider met the account's rate limits.
/// </summary>
internal static class CallsChart
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        ["RunInstances"] = "#1f77b4",
        ["StartInstances"] = "#2ca02c",
        ["DescribeInstances"] = "#ff7f0e",
        ["DeleteInstances"] = "#9467bd",
        ["StopInstances"] = "#8c564b",
    };

    public static string Render(string name, CloudCallsPerSecond perSecond, double xMax)
    {
        ArgumentNullException.ThrowIfNull(perSecond);
        var first = perSecond.FirstBucketSeconds;
        var series = perSecond.Calls
            .Select(c => new SvgChart.Series(c.Key, Colors.GetValueOrDefault(c.Key, "#7f7f7f"), null, Steps(c.Value, first)))
            .ToList();
        var throttled = perSecond.ThrottledTotal();
        var marks = new SvgChart.Marks("throttled", "#d62728", [.. throttled.Select((n, k) => (X: Math.Max(0, first + k + 0.5), Y: (double)n)).Where(p => p.Y > 0)]);
        var yMax = perSecond.Calls.Values.SelectMany(s => s).Concat(throttled).DefaultIfEmpty(0).Max();
        return SvgChart.Render(
            $"Cloud API calls per second, {name}", "seconds from t = 0 (emulated)", "calls per emulated second",
            Math.Max(Math.Max(1, xMax), first + perSecond.Seconds) * 1.05, Math.Max(1, yMax * 1.1), series, marks, wholeY: true);
    }

    /// <summary>Bucket k is held through its second (the first drawn from t = 0); the line drops to 0 after the last.</summary>
    private static IReadOnlyList<(double X, double Y)> Steps(IReadOnlyList<long> counts, double first) =>
        [.. counts.Select((n, k) => (X: Math.Max(0, first + k), Y: (double)n)), (first + counts.Count, 0)];
}
