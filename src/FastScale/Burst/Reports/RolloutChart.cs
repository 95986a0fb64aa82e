using FastScale.Burst.Rollout;

namespace FastScale.Burst.Reports;

/// <summary>
/// A rollout's timeline: the group's old-template nodes in service, old ones draining (cordoned), new-template nodes,
/// and nodes unavailable below the group's size, over seconds from the image change.
/// </summary>
internal static class RolloutChart
{
    public static string Render(RolloutFigures rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var timeline = rollout.Timeline;
        IReadOnlyList<(double X, double Y)> Line(Func<RolloutSample, int> value) => [.. timeline.Select(s => (s.Seconds, (double)value(s)))];
        var series = new List<SvgChart.Series>
        {
            new("old", "#7f7f7f", null, Line(s => s.Old)),
            new("draining", "#ff7f0e", null, Line(s => s.Draining)),
            new("new", "#1f77b4", null, Line(s => s.New)),
            new("unavailable", "#d62728", "6 4", Line(s => s.Unavailable)),
        };
        var xMax = timeline.Select(s => s.Seconds).DefaultIfEmpty(1).Max();
        var yMax = timeline.Select(s => Math.Max(Math.Max(s.Old, s.New), Math.Max(s.Draining, s.Unavailable))).DefaultIfEmpty(1).Max();
        return SvgChart.Render(
            $"Rollout {rollout.OldImageId} → {rollout.NewImageId}", "seconds from the image change (emulated)", "nodes",
            Math.Max(1, xMax) * 1.05, Math.Max(1, yMax * 1.1), series, wholeY: true);
    }
}
