using System.Net;
using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>
/// report.html: one self-contained page (no scripts, no external files): the summary table, the readiness CDF of
/// FastScale, the upstream and the naive baselines and the floor, each run's timeline of instances requested, Running,
/// registered and Ready, and each run's cloud API calls per second by action with the throttled seconds marked.
/// </summary>
internal static class ReportHtml
{
    /// <summary>What each run's figures add to their id ("timeline", "timeline-upstream", …), in the order of <see cref="BurstReport.Runs"/>.</summary>
    private static readonly string[] IdSuffixes = ["", "-upstream", "-naive"];

    /// <summary>Each run's line on the readiness CDF; upstream's is dashed because it may run on top of FastScale's and hide it.</summary>
    private static readonly (string Color, string? Dash)[] CdfLines = [("#1f77b4", null), ("#ff7f0e", "4 3"), ("#d62728", null)];

    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var runs = report.Runs.Select((r, i) => (r.Name, r.Run, Id: IdSuffixes[i], Line: CdfLines[i])).ToList();
        var floorSeconds = report.FastScale.FloorSeconds;
        var cdfMax = runs.Select(r => Last(r.Run.ReadySeconds)).Append(Last(floorSeconds)).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var cdf = SvgChart.Render(
            $"Node readiness, {report.Scenario.Name}", "seconds from t = 0 (emulated)", "share of nodes Ready", cdfMax * 1.05, 1,
            [
                .. runs.Select(r => new SvgChart.Series(r.Name, r.Line.Color, r.Line.Dash, Percentiles.Cdf(r.Run.ReadySeconds, r.Run.NodesRequested))),
                new SvgChart.Series("floor", "#2ca02c", "6 4", Percentiles.Cdf(floorSeconds, report.FastScale.NodesRequested)),
            ]);

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(report.Title)).Append("</title>");
        page.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append("figure{margin:1.5em 0}li{margin:.2em 0}</style></head><body>");
        page.Append("<h1>").Append(WebUtility.HtmlEncode(report.Title)).Append("</h1>");
        page.Append("<p>").Append(WebUtility.HtmlEncode(
            $"{report.FastScale.NodesRequested} nodes of {report.Scenario.GroupId}, demand by {report.Scenario.Demand}, seed {report.Seed}, latency profile {report.ProfileName}."))
            .Append("</p>");
        page.Append("<p id=\"clock\"><b>").Append(WebUtility.HtmlEncode(report.ClockNote)).Append("</b></p>");
        var markdown = ReportMarkdown.Render(report);
        var tables = Tables(markdown);
        page.Append(tables[0]);
        // The upstream note stands where its calls chart would be, below.
        foreach (var note in ReportMarkdown.Notes(markdown).Where(n => n != ReportMarkdown.UpstreamNotMeteredNote))
        {
            page.Append("<p>").Append(WebUtility.HtmlEncode(note)).Append("</p>");
        }

        page.Append("<figure id=\"cdf\">").Append(cdf).Append("</figure>");
        // Every timeline on one time axis, and every calls chart on another, so the runs compare at a glance.
        var timelineXMax = runs.Max(r => TimelineEnd(r.Run));
        foreach (var (name, run, id, _) in runs)
        {
            page.Append(Invariant($"<figure id=\"timeline{id}\">")).Append(Timeline(name, run, timelineXMax)).Append("</figure>");
        }

        var callsXMax = runs.Max(r => r.Run.DurationSeconds);
        page.Append("<h2>Cloud API calls per second</h2>");
        foreach (var (name, run, id, _) in runs)
        {
            if (run.CloudCallsPerSecond.Calls.Count == 0)
            {
                // An empty chart reads as missing data; say why there is none.
                var why = ReferenceEquals(run, report.Upstream) ? ReportMarkdown.UpstreamNotMeteredNote : $"{name}: no metered cloud calls in this run.";
                page.Append(Invariant($"<p id=\"calls{id}\">")).Append(WebUtility.HtmlEncode(why)).Append("</p>");
                continue;
            }

            page.Append(Invariant($"<figure id=\"calls{id}\">")).Append(CallsChart.Render(name, run.CloudCallsPerSecond, callsXMax)).Append("</figure>");
        }

        if (report.FastScale.Rollout is { } rollout)
        {
            page.Append("<h2>Rollout</h2><figure id=\"rollout\">").Append(RolloutChart.Render(rollout)).Append("</figure>");
        }

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

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
