using System.Net;
using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>
/// report.html: one self-contained page (no scripts, no external files): the summary table, the readiness CDF of
/// FastScale, the naive baseline and the floor, each run's timeline of instances requested, Running, registered and
/// Ready, and each run's cloud API calls per second by action with the throttled seconds marked.
/// </summary>
internal static class ReportHtml
{
    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (run, baseline) = (report.FastScale, report.Baseline);
        var cdfMax = new[] { Last(run.ReadySeconds), Last(baseline.ReadySeconds), Last(run.FloorSeconds) }.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var cdf = SvgChart.Render(
            $"Node readiness, {report.Scenario.Name}", "seconds from t = 0 (emulated)", "share of nodes Ready", cdfMax * 1.05, 1,
            [
                new SvgChart.Series("FastScale", "#1f77b4", null, Percentiles.Cdf(run.ReadySeconds, run.NodesRequested)),
                new SvgChart.Series("naive baseline", "#d62728", null, Percentiles.Cdf(baseline.ReadySeconds, baseline.NodesRequested)),
                new SvgChart.Series("floor", "#2ca02c", "6 4", Percentiles.Cdf(run.FloorSeconds, run.NodesRequested)),
            ]);

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(report.Title)).Append("</title>");
        page.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append("figure{margin:1.5em 0}li{margin:.2em 0}</style></head><body>");
        page.Append("<h1>").Append(WebUtility.HtmlEncode(report.Title)).Append("</h1>");
        page.Append("<p>").Append(WebUtility.HtmlEncode(
            $"{run.NodesRequested} nodes of {report.Scenario.GroupId}, demand by {report.Scenario.Demand}, seed {report.Seed}, latency profile {report.ProfileName}."))
            .Append("</p>");
        page.Append("<p id=\"clock\"><b>").Append(WebUtility.HtmlEncode(report.ClockNote)).Append("</b></p>");
        var tables = Tables(ReportMarkdown.Render(report));
        page.Append(tables[0]);
        page.Append("<figure id=\"cdf\">").Append(cdf).Append("</figure>");
        // Both timelines on one time axis, so they compare at a glance.
        var timelineXMax = Math.Max(TimelineEnd(run), TimelineEnd(baseline));
        page.Append("<figure id=\"timeline\">").Append(Timeline("FastScale", run, timelineXMax)).Append("</figure>");
        page.Append("<figure id=\"timeline-baseline\">").Append(Timeline("naive baseline", baseline, timelineXMax)).Append("</figure>");
        var callsXMax = Math.Max(run.DurationSeconds, baseline.DurationSeconds);
        page.Append("<h2>Cloud API calls per second</h2>");
        page.Append("<figure id=\"calls\">").Append(CallsChart.Render("FastScale", run.CloudCallsPerSecond, callsXMax)).Append("</figure>");
        page.Append("<figure id=\"calls-baseline\">").Append(CallsChart.Render("naive baseline", baseline.CloudCallsPerSecond, callsXMax)).Append("</figure>");
        page.Append(string.Concat(tables.Skip(1)));
        page.Append("<h2>Definitions</h2><ul>");
        foreach (var (name, meaning) in BurstReport.Definitions)
        {
            page.Append("<li><b>").Append(WebUtility.HtmlEncode(name)).Append("</b>: ").Append(WebUtility.HtmlEncode(meaning)).Append("</li>");
        }

        page.Append("</ul></body></html>");
        return page.ToString();
    }

    private static double TimelineEnd(BurstRunResult run) =>
        new[] { run.DurationSeconds }.Concat(run.Instances.Select(i => i.ReadySeconds ?? 0)).Max();

    private static string Timeline(string name, BurstRunResult run, double xMax)
    {
        var requested = Counts(run.Instances.Select(i => (double?)i.RequestedSeconds));
        var running = Counts(run.Instances.Select(i => (double?)i.RunningSeconds));
        var registered = Counts(run.Instances.Select(i => i.RegisteredSeconds));
        var ready = Counts(run.Instances.Select(i => i.ReadySeconds));
        return SvgChart.Render(
            $"Timeline, {name}", "seconds from t = 0 (emulated)", "instances", Math.Max(1, xMax) * 1.05, Math.Max(1, run.Instances.Count),
            [
                new SvgChart.Series("requested", "#7f7f7f", null, requested),
                new SvgChart.Series("Running", "#ff7f0e", null, running),
                new SvgChart.Series("registered", "#9467bd", null, registered),
                new SvgChart.Series("Ready", "#1f77b4", null, ready),
            ],
            wholeY: true);
    }

    /// <summary>Cumulative count at each moment something happened.</summary>
    private static IReadOnlyList<(double X, double Y)> Counts(IEnumerable<double?> moments) =>
        Percentiles.Cdf(moments.OfType<double>(), 1).Select(step => (step.Seconds, step.Share)).ToList();

    /// <summary>Each table of report.md as an HTML table.</summary>
    private static List<string> Tables(string markdown) => [.. MarkdownTables.Parse(markdown).Select(Table)];

    private static string Table(IReadOnlyList<string[]> rows)
    {
        var table = new StringBuilder("<table>");
        for (var i = 0; i < rows.Count; i++)
        {
            var tag = i == 0 ? "th" : "td";
            table.Append("<tr>").Append(string.Concat(rows[i].Select(c => $"<{tag}>{WebUtility.HtmlEncode(c)}</{tag}>"))).Append("</tr>");
        }

        return table.Append("</table>").ToString();
    }

    private static double Last(IReadOnlyList<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[^1];
}
