using System.Globalization;
using System.Net;
using System.Text;
using FastScale.Burst.Reports;

namespace FastScale.Plan;

/// <summary>
/// <c>plan.html</c>: self-contained (no scripts, no external files). The table of rows, and an inline SVG chart with one
/// group of bars per value: P90 readiness (left axis, seconds) and the warm pool's idle cost per month beside it (right
/// axis). Bars rather than a line because a value may be a list of instance types, not a number.
/// </summary>
internal static class PlanHtml
{
    private const int Width = 760;
    private const int Height = 340;
    private const int Left = 60;
    private const int Right = 70;
    private const int Top = 36;
    private const int Bottom = 64;

    public static string Render(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        var title = $"fastscale plan {report.Scenario}" + (report.Parameter is { } p ? $", sweep over {p}" : "");
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Escape(title)).Append("</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>");
        html.Append("<h1>").Append(Escape(title)).Append("</h1>");
        html.Append(Invariant($"<p>{report.Nodes} nodes of group <code>{Escape(report.GroupId)}</code>, seed {report.Seed}, latency profile <code>{Escape(report.Profile)}</code>. Times are simulated seconds from t = 0 (the engine's own code on a virtual clock).</p>"));
        html.Append(Chart(report));
        html.Append("<table><tr><th>").Append(Escape(report.Parameter ?? "run")).Append("</th><th>ready</th><th>P50 (s)</th><th>P90 (s)</th><th>P99 (s)</th><th>floor P90 (s)</th><th>duplicates</th><th>leaks</th><th>idle cost / h</th><th>idle cost / month</th><th>upstream P90 (s)</th><th>naive P90 (s)</th></tr>");
        foreach (var row in report.Rows)
        {
            html.Append(Invariant($"<tr><td>{Escape(row.Label)}</td><td>{row.Run.NodesReady}/{row.Run.NodesRequested}</td><td>{FigureText.Seconds(row.Ready.P50)}</td><td>{FigureText.Seconds(row.Ready.P90)}</td><td>{FigureText.Seconds(row.Ready.P99)}</td><td>{FigureText.Seconds(row.FloorP90)}</td><td>{row.Run.DuplicateInstances}</td><td>{row.Run.LeakedInstances}</td><td>{Cost(row.IdleCostPerHour, "0.00")}</td><td>{Cost(row.IdleCostPerMonth, "0")}</td><td>{FigureText.Seconds(row.Upstream.Ready.P90)}</td><td>{FigureText.Seconds(row.Naive.Ready.P90)}</td></tr>"));
        }

        html.Append("</table><p>P50, P90, P99 are over the nodes requested: a node never Ready counts as never, and a percentile not reached shows as ").Append(FigureText.None).Append(".</p>");
        html.Append("<p>Idle cost: the warm pool's stopped instances (their disks), from the group's <code>prices.stoppedPerHour</code>; a month is 730 hours.</p><p>Upstream: the cluster-autoscaler's own alicloud provider with ESS, as modelled in upstream-model.yaml; naive: one instance per RunInstances call, the lower bound. Both on the same world and seed.</p></body></html>\n");
        return html.ToString();
    }

    private static string Chart(PlanReport report)
    {
        var rows = report.Rows;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var p90Max = NiceMax(rows.Select(r => r.Ready.P90 ?? 0).DefaultIfEmpty(0).Max());
        var costMax = NiceMax(rows.Select(r => r.IdleCostPerMonth ?? 0).DefaultIfEmpty(0).Max());
        var slot = plotW / (double)Math.Max(1, rows.Count);
        var bar = Math.Min(40, slot / 3);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"P90 readiness and idle cost per value\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">P90 readiness (s, blue) and warm-pool idle cost per month (orange)</text>"));
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + plotH - (i / 4.0 * plotH);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + plotW}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1f77b4\">{p90Max * i / 4:0.#}</text>"));
            svg.Append(Invariant($"<text x=\"{Left + plotW + 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" fill=\"#ff7f0e\">{costMax * i / 4:0.#}</text>"));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var center = Left + (slot * (i + 0.5));
            // A P90 not reached has no bar: no height would be honest. Its label says so where the bar would stand.
            var h1 = (row.Ready.P90 ?? 0) / p90Max * plotH;
            var h2 = (row.IdleCostPerMonth ?? 0) / costMax * plotH;
            var p90 = FigureText.Seconds(row.Ready.P90);
            var p90Title = row.Ready.P90 is null ? $"P90 not reached: {row.Ready.Reached} of {row.Ready.Requested} Ready" : $"P90 {p90} s";
            svg.Append(Invariant($"<rect x=\"{center - bar:0.#}\" y=\"{Top + plotH - h1:0.#}\" width=\"{bar:0.#}\" height=\"{h1:0.#}\" fill=\"#1f77b4\"><title>{Escape(p90Title)}</title></rect>"));
            svg.Append(Invariant($"<text x=\"{center - (bar / 2):0.#}\" y=\"{Top + plotH - h1 - 4:0.#}\" font-size=\"10\" text-anchor=\"middle\">{p90}</text>"));
            svg.Append(Invariant($"<rect x=\"{center:0.#}\" y=\"{Top + plotH - h2:0.#}\" width=\"{bar:0.#}\" height=\"{h2:0.#}\" fill=\"#ff7f0e\"><title>idle cost {Cost(row.IdleCostPerMonth, "0")} per month</title></rect>"));
            svg.Append(Invariant($"<text x=\"{center:0.#}\" y=\"{Top + plotH + 16}\" font-size=\"11\" text-anchor=\"middle\">{Escape(row.Label)}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Left + plotW}\" y2=\"{Top + plotH}\" stroke=\"#444\"/>"));
        svg.Append(Invariant($"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 20}\" font-size=\"12\" text-anchor=\"middle\">{Escape(report.Parameter ?? report.Scenario)}</text>"));
        return svg.Append("</svg>").ToString();
    }

    private static double NiceMax(double max)
    {
        if (!(max > 0) || !double.IsFinite(max))
        {
            return 1;
        }

        var step = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return Math.Ceiling(max / step) * step;
    }

    private static string Cost(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
