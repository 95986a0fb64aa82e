using System.Globalization;
using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>
/// report.md: one table a person pastes into a review, FastScale beside the upstream and the naive baselines and the
/// floor, the P90 verdict under it, and the definitions.
/// </summary>
internal static class ReportMarkdown
{
    /// <summary>How the line that explains "—" starts; the console summary prints it under its tables.</summary>
    internal const string NotReachedNote = "Not reached (" + FigureText.None + ")";

    /// <summary>The summary table's row of the ESS calls, and how the line that lists them per action starts (the console prints it too).</summary>
    internal const string EssCallsLabel = "ESS calls (provider)";

    /// <summary>Said where the upstream baseline's calls per second would be: an empty column or chart reads as missing data otherwise.</summary>
    internal const string UpstreamNotMeteredNote =
        "The upstream baseline made no ECS calls on the account's rate limits: ESS makes them as the cloud's own service. Its provider's ESS calls are counted in the summary.";

    /// <summary>
    /// The lines of <paramref name="markdown"/> (report.md) that say what its tables mean, in order, as plain text: the
    /// P90 verdict, the ESS calls, what "—" means, a time-out, why upstream has no calls per second. The console summary
    /// and report.html print them beside the tables.
    /// </summary>
    internal static IEnumerable<string> Notes(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        string[] starts = ["P90 ", EssCallsLabel, NotReachedNote, "**Timed out**", UpstreamNotMeteredNote, FaultNote.Label + ":", RolloutNote.Label + ":"];
        return markdown.Split('\n')
            .Where(l => starts.Any(s => l.StartsWith(s, StringComparison.Ordinal)))
            .Select(l => l.Replace("**", "", StringComparison.Ordinal).TrimEnd());
    }

    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var runs = report.Runs;
        var (run, upstream, naive) = (report.FastScale, report.Upstream, report.Naive);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {report.Title}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{run.NodesRequested} nodes of `{report.Scenario.GroupId}`, demand by {report.Scenario.Demand}, seed {report.Seed}, latency profile `{report.ProfileName}`.");
        text.AppendLine();
        text.AppendLine(report.ClockNote);
        text.AppendLine();
        Header(text, "", runs, "floor");
        var (ready, floor) = (run.Ready, run.Floor);
        Row(text, runs, "nodes Ready", r => $"{r.NodesReady} / {r.NodesRequested}");
        Row(text, runs, "ready p50 (s)", r => Seconds(r.Ready.P50), Seconds(floor.P50));
        Row(text, runs, "ready p90 (s)", r => Seconds(r.Ready.P90), Seconds(floor.P90));
        Row(text, runs, "ready p99 (s)", r => Seconds(r.Ready.P99), Seconds(floor.P99));
        Row(text, runs, "ready max (s)", r => Seconds(r.Ready.Max), Seconds(floor.Max));
        // The floor column is FastScale's nodes'; a baseline that starts other instances (economical mode) has its own.
        Row(text, runs, "floor p90 of its nodes (s)", r => Seconds(r.Floor.P90));
        Row(text, runs, "first cloud call (s)", r => Seconds(r.FirstCloudCallSeconds));
        if (run.FirstUnschedulableSeconds is not null)
        {
            Row(text, runs, "first pod unschedulable (s)", r => Seconds(r.FirstUnschedulableSeconds));
            Row(text, runs, "unschedulable → first cloud call (s)", r => Seconds(r.UnschedulableToFirstCloudCallSeconds));
        }

        Row(text, runs, "all requested (s)", r => Seconds(r.AllRequestedSeconds), "0");
        var calls = runs.SelectMany(r => r.Run.CloudCalls.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var action in calls.Where(a => !EssCallKeys.IsEss(a)).Order(StringComparer.Ordinal))
        {
            Row(text, runs, $"{action} calls", r => Count(r.CloudCalls.GetValueOrDefault(action)));
        }

        if (calls.Any(EssCallKeys.IsEss))
        {
            Row(text, runs, EssCallsLabel, r => Count(EssCallKeys.Total(r.CloudCalls)));
        }

        Row(text, runs, "throttled", r => Count(r.Throttled));
        Row(text, runs, "retries", r => Count(r.Retries));
        Row(text, runs, "instances created", r => Count(r.InstancesCreated));
        Row(text, runs, "instances from warm pool", r => Count(r.InstancesFromWarmPool));
        Row(text, runs, "duplicate instances", r => Count(r.DuplicateInstances));
        Row(text, runs, "leaked instances", r => Count(r.LeakedInstances));
        Row(text, runs, "replaced nodes", r => Count(r.ReplacedNodes));
        text.AppendLine();
        // Upstream is what users run today, so it is the comparison; naive only says how bad no batching at all is.
        text.AppendLine(CultureInfo.InvariantCulture,
            $"P90 against the floor: {Ratio(ready.P90, floor.P90)}; upstream baseline P90 against FastScale's: {Ratio(upstream.Ready.P90, ready.P90)} (the comparison that matters); naive baseline P90 against FastScale's: {Ratio(naive.Ready.P90, ready.P90)} (the lower bound).");
        foreach (var (name, ess) in runs.Select(r => (r.Name, Ess: r.Run.CloudCalls.Where(c => EssCallKeys.IsEss(c.Key)).ToList())).Where(r => r.Ess.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{EssCallsLabel}, {name}: {string.Join(", ", ess.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key[EssCallKeys.Prefix.Length..]} {Count(c.Value)}"))}.");
        }

        if (runs.Any(r => r.Run.Ready.Max is null))
        {
            // Said beside the figures, so no one reads "—" as missing data or a P90 of the survivors.
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{NotReachedNote}: percentiles are over the nodes requested and a node never Ready counts as never, so P90 is reached only once 90 % of them are Ready, max only once all are (Ready: {string.Join(", ", runs.Select(r => $"{r.Name} {r.Run.Ready.Reached} of {r.Run.Ready.Requested}"))}).");
        }

        if (run.Restart is { } restart)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Restart: the provider died at {restart.CrashedAtSeconds:0.0} s with {restart.InstancesAtCrash} instances in the cloud (the answer of the RunInstances call that created the last of them was lost); its successor rebuilt its groups from the tags {restart.RecoveredAfterSeconds:0.0} s later, was asked again for {restart.ReRequested} nodes, and made its first RunInstances call {Seconds(restart.FirstLaunchAfterSeconds)} s after the death.");
        }

        if (RolloutNote.Line(run) is { } rollout)
        {
            text.AppendLine();
            text.AppendLine(rollout);
        }

        if (FaultNote.Line(run) is { } faults)
        {
            text.AppendLine();
            text.AppendLine(faults);
        }

        if (runs.Any(r => r.Run.TimedOut))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"**Timed out** after {report.Scenario.Timeout.TotalSeconds:0} s: {string.Join(", ", runs.Select(r => $"{r.Name} {(r.Run.TimedOut ? "yes" : "no")}"))}.");
        }

        text.AppendLine();
        text.AppendLine("## Cloud calls per second");
        text.AppendLine();
        CallsTable(text, runs);
        if (upstream.CloudCallsPerSecond.Calls.Count == 0)
        {
            text.AppendLine();
            text.AppendLine(UpstreamNotMeteredNote);
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

    /// <summary>Per action the busiest emulated second and the throttled calls; then when throttling happened at all.</summary>
    private static void CallsTable(StringBuilder text, IReadOnlyList<(string Name, BurstRunResult Run)> runs)
    {
        Header(text, "calls per emulated second", runs, floor: null);
        foreach (var action in runs.SelectMany(r => r.Run.CloudCallsPerSecond.Calls.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Cells(text, $"{action} peak (calls/s)", runs.Select(r => Peak(r.Run.CloudCallsPerSecond.Calls, action)));
            Cells(text, $"{action} throttled", runs.Select(r => Total(r.Run.CloudCallsPerSecond.Throttled, action)));
        }

        Cells(text, "seconds with a throttled call", runs.Select(r => Count(r.Run.CloudCallsPerSecond.ThrottledTotal().Count(n => n > 0))));
        Cells(text, "first throttled call (s)", runs.Select(r => FirstThrottled(r.Run.CloudCallsPerSecond)));
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

    /// <summary>A table's header: the label column, a column per run, and the floor's when <paramref name="floor"/> is given.</summary>
    private static void Header(StringBuilder text, string label, IReadOnlyList<(string Name, BurstRunResult Run)> runs, string? floor)
    {
        var columns = runs.Select(r => r.Name).Concat(floor is null ? [] : [floor]).ToList();
        Cells(text, label, columns);
        text.Append("|---").Append(string.Concat(columns.Select(_ => "|---:"))).AppendLine("|");
    }

    /// <summary>A row of the summary: a figure per run, then the floor's (empty where the floor has none).</summary>
    private static void Row(StringBuilder text, IReadOnlyList<(string Name, BurstRunResult Run)> runs, string label, Func<BurstRunResult, string> figure, string floor = "") =>
        Cells(text, label, runs.Select(r => figure(r.Run)).Append(floor));

    private static void Cells(StringBuilder text, string label, IEnumerable<string> cells) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"|{(label.Length == 0 ? " " : $" {label} ")}| {string.Join(" | ", cells)} |");

    private static string Seconds(double? value) => FigureText.Seconds(value);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? a, double? b) => FigureText.Ratio(a, b);
}
