using System.Globalization;
using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>report.md: one table a person pastes into a review, and the definitions under it.</summary>
internal static class ReportMarkdown
{
    /// <summary>How the line that explains "—" starts; the console summary prints it under its tables.</summary>
    internal const string NotReachedNote = "Not reached (" + FigureText.None + ")";

    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (run, baseline) = (report.FastScale, report.Baseline);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {report.Title}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{run.NodesRequested} nodes of `{report.Scenario.GroupId}`, demand by {report.Scenario.Demand}, seed {report.Seed}, latency profile `{report.ProfileName}`.");
        text.AppendLine();
        text.AppendLine(report.ClockNote);
        text.AppendLine();
        text.AppendLine("| | FastScale | naive baseline | floor |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, "nodes Ready", $"{run.NodesReady} / {run.NodesRequested}", $"{baseline.NodesReady} / {baseline.NodesRequested}", "");
        var (ready, baselineReady, floor) = (run.Ready, baseline.Ready, run.Floor);
        Row(text, "ready p50 (s)", Seconds(ready.P50), Seconds(baselineReady.P50), Seconds(floor.P50));
        Row(text, "ready p90 (s)", Seconds(ready.P90), Seconds(baselineReady.P90), Seconds(floor.P90));
        Row(text, "ready p99 (s)", Seconds(ready.P99), Seconds(baselineReady.P99), Seconds(floor.P99));
        Row(text, "ready max (s)", Seconds(ready.Max), Seconds(baselineReady.Max), Seconds(floor.Max));
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
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"P90 against the floor: {Ratio(ready.P90, floor.P90)}; naive baseline P90 against FastScale's: {Ratio(baselineReady.P90, ready.P90)}.");
        if (ready.Max is null || baselineReady.Max is null)
        {
            // Said beside the figures, so no one reads "—" as missing data or a P90 of the survivors.
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{NotReachedNote}: percentiles are over the nodes requested and a node never Ready counts as never, so P90 is reached only once 90 % of them are Ready, max only once all are (Ready: FastScale {ready.Reached} of {ready.Requested}, naive baseline {baselineReady.Reached} of {baselineReady.Requested}).");
        }

        if (run.Restart is { } restart)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Restart: the provider died at {restart.CrashedAtSeconds:0.0} s with {restart.InstancesAtCrash} instances in the cloud (the answer of the RunInstances call that created the last of them was lost); its successor rebuilt its groups from the tags {restart.RecoveredAfterSeconds:0.0} s later, was asked again for {restart.ReRequested} nodes, and made its first RunInstances call {Seconds(restart.FirstLaunchAfterSeconds)} s after the death.");
        }

        if (run.TimedOut || baseline.TimedOut)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"**Timed out** after {report.Scenario.Timeout.TotalSeconds:0} s: FastScale {(run.TimedOut ? "yes" : "no")}, baseline {(baseline.TimedOut ? "yes" : "no")}.");
        }

        text.AppendLine();
        text.AppendLine("## Cloud calls per second");
        text.AppendLine();
        CallsTable(text, run.CloudCallsPerSecond, baseline.CloudCallsPerSecond);
        text.AppendLine();
        text.AppendLine("## Definitions");
        text.AppendLine();
        foreach (var (name, meaning) in BurstReport.Definitions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{name}**: {meaning}.");
        }

        return text.ToString();
    }

    /// <summary>Per action the busiest emulated second and the throttled calls; then when throttling happened at all.</summary>
    private static void CallsTable(StringBuilder text, CloudCallsPerSecond run, CloudCallsPerSecond baseline)
    {
        text.AppendLine("| calls per emulated second | FastScale | naive baseline |");
        text.AppendLine("|---|---:|---:|");
        foreach (var action in run.Calls.Keys.Union(baseline.Calls.Keys).Order(StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {action} peak (calls/s) | {Peak(run.Calls, action)} | {Peak(baseline.Calls, action)} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {action} throttled | {Total(run.Throttled, action)} | {Total(baseline.Throttled, action)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| seconds with a throttled call | {Count(run.ThrottledTotal().Count(n => n > 0))} | {Count(baseline.ThrottledTotal().Count(n => n > 0))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| first throttled call (s) | {FirstThrottled(run)} | {FirstThrottled(baseline)} |");
    }

    private static string Peak(IReadOnlyDictionary<string, IReadOnlyList<long>> series, string action) =>
        Count(series.TryGetValue(action, out var s) && s.Count > 0 ? s.Max() : 0);

    private static string Total(IReadOnlyDictionary<string, IReadOnlyList<long>> series, string action) =>
        Count(series.TryGetValue(action, out var s) ? s.Sum() : 0);

    /// <summary>Where the first emulator second with a throttled call starts (from t = 0; the buckets are a second wide).</summary>
    private static string FirstThrottled(CloudCallsPerSecond perSecond)
    {
        var first = perSecond.ThrottledTotal().Select((n, k) => (n, k)).FirstOrDefault(p => p.n > 0, (0, -1)).Item2;
        return first < 0 ? FigureText.None : Seconds(Math.Max(0, perSecond.FirstBucketSeconds + first));
    }

    private static void Row(StringBuilder text, string label, string a, string b, string c) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {a} | {b} | {c} |");

    private static string Seconds(double? value) => FigureText.Seconds(value);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? a, double? b) => FigureText.Ratio(a, b);
}
