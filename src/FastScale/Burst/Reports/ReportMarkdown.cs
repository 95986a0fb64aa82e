using System.Globalization;
using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>report.md: one table a person pastes into a review, and the definitions under it.</summary>
internal static class ReportMarkdown
{
    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (run, baseline) = (report.FastScale, report.Baseline);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {report.Title}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{run.NodesRequested} nodes of `{report.Scenario.GroupId}`, demand by {report.Scenario.Demand}, seed {report.Seed}, latency profile `{report.ProfileName}`, " +
            $"time scale {report.TimeScale:0.##}× (every figure in emulated seconds).");
        text.AppendLine();
        text.AppendLine("| | FastScale | naive baseline | floor |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, "nodes Ready", $"{run.NodesReady} / {run.NodesRequested}", $"{baseline.NodesReady} / {baseline.NodesRequested}", "");
        foreach (var (label, q) in new[] { ("ready p50 (s)", 0.50), ("ready p90 (s)", 0.90), ("ready p99 (s)", 0.99) })
        {
            Row(text, label, Seconds(Percentiles.Of(run.ReadySeconds, q)), Seconds(Percentiles.Of(baseline.ReadySeconds, q)), Seconds(Percentiles.Of(run.FloorSeconds, q)));
        }

        Row(text, "ready max (s)", Seconds(Max(run.ReadySeconds)), Seconds(Max(baseline.ReadySeconds)), Seconds(Max(run.FloorSeconds)));
        Row(text, "first cloud call (s)", Seconds(run.FirstCloudCallSeconds), Seconds(baseline.FirstCloudCallSeconds), "");
        if (run.FirstUnschedulableSeconds is not null)
        {
            Row(text, "first pod unschedulable (s)", Seconds(run.FirstUnschedulableSeconds), Seconds(baseline.FirstUnschedulableSeconds), "");
            Row(text, "unschedulable → first cloud call (s)", Seconds(run.UnschedulableToFirstCloudCallSeconds), Seconds(baseline.UnschedulableToFirstCloudCallSeconds), "");
        }

        Row(text, "all requested (s)", Seconds(run.AllRequestedSeconds), Seconds(baseline.AllRequestedSeconds), "0");
        foreach (var action in run.CloudCalls.Keys.Union(baseline.CloudCalls.Keys).Order(StringComparer.Ordinal))
        {
            Row(text, $"{action} calls", Count(run.CloudCalls.GetValueOrDefault(action)), Count(baseline.CloudCalls.GetValueOrDefault(action)), "");
        }

        Row(text, "throttled", Count(run.Throttled), Count(baseline.Throttled), "");
        Row(text, "retries", Count(run.Retries), Count(baseline.Retries), "");
        Row(text, "instances created", Count(run.InstancesCreated), Count(baseline.InstancesCreated), "");
        Row(text, "duplicate instances", Count(run.DuplicateInstances), Count(baseline.DuplicateInstances), "");
        Row(text, "leaked instances", Count(run.LeakedInstances), Count(baseline.LeakedInstances), "");
        Row(text, "replaced nodes", Count(run.ReplacedNodes), Count(baseline.ReplacedNodes), "");
        var p90 = Percentiles.Of(run.ReadySeconds, 0.9);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"P90 against the floor: {Ratio(p90, Percentiles.Of(run.FloorSeconds, 0.9))}; naive baseline P90 against FastScale's: {Ratio(Percentiles.Of(baseline.ReadySeconds, 0.9), p90)}.");
        if (run.TimedOut || baseline.TimedOut)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"**Timed out** after {report.Scenario.Timeout.TotalSeconds:0} s: FastScale {(run.TimedOut ? "yes" : "no")}, baseline {(baseline.TimedOut ? "yes" : "no")}.");
        }

        text.AppendLine();
        text.AppendLine("## Definitions");
        text.AppendLine();
        foreach (var (name, meaning) in BurstReport.Definitions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{name}**: {meaning}.");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, string a, string b, string c) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {a} | {b} | {c} |");

    private static double Max(IReadOnlyList<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[^1];

    internal static string Seconds(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Ratio(double a, double b) =>
        double.IsFinite(a) && double.IsFinite(b) && b > 0 ? (a / b).ToString("0.00×", CultureInfo.InvariantCulture) : "–";
}
