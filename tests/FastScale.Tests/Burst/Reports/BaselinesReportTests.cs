using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Burst.Reports;

namespace FastScale.Tests.Burst.Reports;

/// <summary>
/// Every report of a burst with FastScale, the upstream and the naive baselines side by side, from three synthetic runs
/// of 10 nodes (no burst is run): FastScale Ready at 20..29 s, upstream 8 of 10 Ready at 30..37 s (so its P90, P99 and
/// max are not reached) with its provider's ESS calls and a floor of 6..15 s, naive at 100..109 s; FastScale's and
/// naive's floor 11..20 s.
/// </summary>
public sealed class BaselinesReportTests
{
    private static readonly string[] BaselineFields =
    [
        "policy", "nodesRequested", "nodesReady", "readySeconds", "floorSeconds", "firstCloudCallSeconds", "allRequestedSeconds",
        "cloudCalls", "launchCallsPerNode", "throttled", "retries", "instancesCreated", "instancesFromWarmPool", "duplicateInstances", "leakedInstances",
        "replacedNodes", "instancesByOffering", "cloudCallsPerSecond", "timedOut", "durationSeconds",
    ];

    /// <summary>report.json's <c>baseline</c> before there were two baselines: its fields must not change for one release.</summary>
    private static readonly string[] OldBaselineFields =
    [
        "policy", "readySeconds", "nodesReady", "floorSeconds", "firstCloudCallSeconds", "allRequestedSeconds", "cloudCalls", "throttled",
        "instancesCreated", "instancesByOffering", "cloudCallsPerSecond", "timedOut", "durationSeconds",
    ];

    private static readonly Dictionary<string, long> EcsCalls = new(StringComparer.Ordinal)
    {
        ["RunInstances"] = 0, ["StartInstances"] = 0, ["DescribeInstances"] = 0, ["DeleteInstances"] = 0,
    };

    [Fact]
    public void ReportJson_ThreeRuns_HasBothBaselinesWithFastScalesFieldNames()
    {
        var json = JsonNode.Parse(ReportJson.Render(Report(UpstreamShortOfP90())))!;

        var baselines = json["baselines"]!.AsObject();
        Assert.Equal(["upstream", "naive"], baselines.Select(b => b.Key));
        foreach (var (name, baseline) in baselines)
        {
            Assert.Equal(BaselineFields, baseline!.AsObject().Select(f => f.Key));
            Assert.Equal(name, (string?)baseline["policy"]);
            Assert.Equal(["p50", "p90", "p99", "max", "reached"], baseline["readySeconds"]!.AsObject().Select(p => p.Key));
            // The same names as FastScale's own top-level fields, so a field compares with the same field.
            Assert.All(BaselineFields.Except(["policy"]), field => Assert.True(json.AsObject().ContainsKey(field), field));
        }

        var naive = baselines["naive"]!;
        Assert.Equal(104.0, (double)naive["readySeconds"]!["p50"]!);
        Assert.Equal(108.0, (double)naive["readySeconds"]!["p90"]!);
        Assert.Equal(10, (int)naive["nodesReady"]!);
        Assert.Equal(22, (long)naive["cloudCalls"]!["RunInstances"]!);
        Assert.Equal(2, (long)naive["throttled"]!);
        Assert.Equal(0, (long)naive["duplicateInstances"]!);
        Assert.Equal(0, (long)naive["leakedInstances"]!);
    }

    [Fact]
    public void ReportJson_UpstreamShortOfP90_HasNullP90P99MaxAndItsEssCallsAfterTheEcsActions()
    {
        var upstream = JsonNode.Parse(ReportJson.Render(Report(UpstreamShortOfP90())))!["baselines"]!["upstream"]!;

        var ready = upstream["readySeconds"]!;
        Assert.Equal(34.0, (double)ready["p50"]!);
        Assert.Null(ready["p90"]);
        Assert.Null(ready["p99"]);
        Assert.Null(ready["max"]);
        Assert.Equal(8, (int)ready["reached"]!);
        Assert.Equal(8, (int)upstream["nodesReady"]!);
        Assert.Equal(14.0, (double)upstream["floorSeconds"]!["p90"]!);
        Assert.Equal(
            ["RunInstances", "StartInstances", "DescribeInstances", "DeleteInstances", "ESS:CreateScalingRule", "ESS:DescribeScalingInstances", "ESS:ExecuteScalingRule"],
            upstream["cloudCalls"]!.AsObject().Select(c => c.Key));
        Assert.Equal(4, (long)upstream["cloudCalls"]!["ESS:DescribeScalingInstances"]!);
        Assert.Equal(3, (long)upstream["retries"]!);
        Assert.Equal(1, (long)upstream["leakedInstances"]!);
    }

    [Fact]
    public void ReportJson_ThreeRuns_KeepsTheOldBaselineFieldAsTheNaiveRunAndSaysItGoes()
    {
        var json = JsonNode.Parse(ReportJson.Render(Report(UpstreamShortOfP90())))!;

        var old = json["baseline"]!.AsObject();
        Assert.Equal(OldBaselineFields, old.Select(f => f.Key));
        foreach (var (field, value) in old)
        {
            Assert.True(JsonNode.DeepEquals(value, json["baselines"]!["naive"]![field]), field);
        }

        var definitions = json["definitions"]!;
        Assert.Contains("kept for one release", (string?)definitions["baseline"], StringComparison.Ordinal);
        Assert.Contains("baselines.naive", (string?)definitions["baseline"], StringComparison.Ordinal);
        var baselines = (string)definitions["baselines"]!;
        foreach (var said in new[] { "upstream-model.yaml", "whole delta", "max-node-provision-time", "5 min", "economical mode", "restart", "lower bound" })
        {
            Assert.Contains(said, baselines, StringComparison.Ordinal);
        }

        // Every run's wall time: FastScale 3 s, upstream 4 s, naive 5 s.
        Assert.Equal(12.0, (double)json["wallSeconds"]!);
    }

    [Fact]
    public void ReportMarkdown_ThreeRuns_ShowsEachRunInItsOwnColumnAndADashWhereUpstreamFallsShort()
    {
        var markdown = ReportMarkdown.Render(Report(UpstreamShortOfP90()));
        var tables = MarkdownTables.Parse(markdown);
        var summary = tables[0];

        Assert.Equal(["", "FastScale", "upstream baseline", "naive baseline", "floor"], summary[0]);
        Assert.Equal(["nodes Ready", "10 / 10", "8 / 10", "10 / 10", ""], Row(summary, "nodes Ready"));
        Assert.Equal(["ready p50 (s)", "24.0", "34.0", "104.0", "15.0"], Row(summary, "ready p50 (s)"));
        Assert.Equal(["ready p90 (s)", "28.0", FigureText.None, "108.0", "19.0"], Row(summary, "ready p90 (s)"));
        Assert.Equal(["ready max (s)", "29.0", FigureText.None, "109.0", "20.0"], Row(summary, "ready max (s)"));
        Assert.Equal(["floor p90 of its nodes (s)", "19.0", "14.0", "19.0", ""], Row(summary, "floor p90 of its nodes (s)"));
        Assert.Equal(["RunInstances calls", "2", "0", "22", ""], Row(summary, "RunInstances calls"));
        Assert.Equal([ReportMarkdown.EssCallsLabel, "0", "6", "0", ""], Row(summary, ReportMarkdown.EssCallsLabel));
        Assert.DoesNotContain(summary, r => r[0].StartsWith("ESS:", StringComparison.Ordinal));
        Assert.Equal(["retries", "0", "3", "2", ""], Row(summary, "retries"));
        Assert.Equal(["leaked instances", "0", "1", "0", ""], Row(summary, "leaked instances"));
        Assert.Equal(["calls per emulated second", "FastScale", "upstream baseline", "naive baseline"], tables[1][0]);
        Assert.Equal(["RunInstances peak (calls/s)", "2", "0", "2"], Row(tables[1], "RunInstances peak (calls/s)"));
        Assert.Contains("upstream baseline P90 against FastScale's: —", markdown, StringComparison.Ordinal);
        Assert.Contains("ESS calls (provider), upstream baseline: CreateScalingRule 1, DescribeScalingInstances 4, ExecuteScalingRule 1.", markdown, StringComparison.Ordinal);
        Assert.Contains("(Ready: FastScale 10 of 10, upstream baseline 8 of 10, naive baseline 10 of 10)", markdown, StringComparison.Ordinal);
        Assert.Contains(ReportMarkdown.UpstreamNotMeteredNote, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportMarkdown_UpstreamReachesP90_NamesItTheComparisonThatMattersAndNaiveTheLowerBound()
    {
        var markdown = ReportMarkdown.Render(Report(Upstream([.. Enumerable.Range(30, 10).Select(s => (double)s)])));

        // FastScale's P90 is 28 s, upstream's 38 s, naive's 108 s.
        Assert.Contains(
            "P90 against the floor: 1.47×; upstream baseline P90 against FastScale's: 1.36× (the comparison that matters); naive baseline P90 against FastScale's: 3.86× (the lower bound).",
            markdown,
            StringComparison.Ordinal);
        Assert.DoesNotContain(ReportMarkdown.NotReachedNote, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportConsole_ThreeRuns_LinesUpThreeColumnsAndPrintsTheNotes()
    {
        var raw = ReportConsole.Render(Report(UpstreamShortOfP90())).Split('\n');
        var lines = raw.Select(l => l.Trim()).ToList();

        Assert.Equal(["FastScale", "upstream", "baseline", "naive", "baseline", "floor"], Words(lines[0]));
        Assert.Equal(["ready", "p90", "(s)", "28.0", FigureText.None, "108.0", "19.0"], Words(lines.Single(l => l.StartsWith("ready p90 (s)", StringComparison.Ordinal))));
        Assert.Equal(["ready", "p50", "(s)", "24.0", "34.0", "104.0", "15.0"], Words(lines.Single(l => l.StartsWith("ready p50 (s)", StringComparison.Ordinal))));
        Assert.Equal(["ESS", "calls", "(provider)", "0", "6", "0"], Words(lines.Single(l => l.StartsWith("ESS calls (provider) ", StringComparison.Ordinal))));
        Assert.Contains(lines, l => l.StartsWith("P90 against the floor: 1.47×; upstream baseline P90 against FastScale's: —", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ESS calls (provider), upstream baseline: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(ReportMarkdown.NotReachedNote, StringComparison.Ordinal));
        Assert.Contains(ReportMarkdown.UpstreamNotMeteredNote, lines);
        // The header's names end where the figures under them end.
        var p50 = raw.Single(l => l.TrimStart().StartsWith("ready p50 (s)", StringComparison.Ordinal));
        Assert.Equal(raw[0].IndexOf("upstream baseline", StringComparison.Ordinal) + "upstream baseline".Length, p50.IndexOf("34.0", StringComparison.Ordinal) + 4);
    }

    [Fact]
    public void ReportHtml_ThreeRuns_DrawsEveryRunsCdfAndTimelineAndSaysWhyUpstreamHasNoCallsChart()
    {
        var html = ReportHtml.Render(Report(UpstreamShortOfP90()));

        var cdf = html[html.IndexOf("<figure id=\"cdf\">", StringComparison.Ordinal)..];
        cdf = cdf[..cdf.IndexOf("</figure>", StringComparison.Ordinal)];
        Assert.Equal(
            ["FastScale", "upstream baseline", "naive baseline", "floor"],
            System.Text.RegularExpressions.Regex.Matches(cdf, "data-name=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        foreach (var id in new[] { "timeline", "timeline-upstream", "timeline-naive", "calls", "calls-naive" })
        {
            Assert.Contains($"<figure id=\"{id}\"><svg ", html, StringComparison.Ordinal);
        }

        Assert.Contains($"<p id=\"calls-upstream\">{System.Net.WebUtility.HtmlEncode(ReportMarkdown.UpstreamNotMeteredNote)}</p>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>ready p90 (s)</td><td>28.0</td><td>—</td><td>108.0</td><td>19.0</td></tr>", html, StringComparison.Ordinal);
    }

    private static string[] Row(IReadOnlyList<string[]> rows, string label) => rows.Single(r => r[0] == label);

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static BurstReport Report(BurstRunResult upstream) =>
        new(BurstScenarios.Find("cold-10", null, out _)!, FastScale(), upstream, Naive(), Seed: 1, TimeScale: 4, ProfileName: "default");

    private static BurstRunResult FastScale() => Run("fastscale", 20) with
    {
        CloudCalls = new Dictionary<string, long>(EcsCalls, StringComparer.Ordinal) { ["RunInstances"] = 2, ["DescribeInstances"] = 5 },
        CloudCallsPerSecond = PerSecond(runInstances: [2, 0], throttled: [0, 0]),
        WallSeconds = 3,
    };

    private static BurstRunResult UpstreamShortOfP90() => Upstream([.. Enumerable.Range(30, 8).Select(s => (double)s)]);

    /// <summary>
    /// No metered calls (ESS's are the cloud's own), its provider's ESS calls, three refused ECS requests, and a floor of
    /// its own (6..15 s: instances started in economical mode, say).
    /// </summary>
    private static BurstRunResult Upstream(IReadOnlyList<double> ready) => Run("upstream", 30) with
    {
        ReadySeconds = ready,
        FloorSeconds = [.. Enumerable.Range(6, 10).Select(s => (double)s)],
        CloudCalls = new Dictionary<string, long>(EcsCalls, StringComparer.Ordinal)
        {
            ["ESS:ExecuteScalingRule"] = 1, ["ESS:DescribeScalingInstances"] = 4, ["ESS:CreateScalingRule"] = 1,
        },
        Retries = 3,
        LeakedInstances = 1,
        WallSeconds = 4,
    };

    private static BurstRunResult Naive() => Run("naive", 100) with
    {
        CloudCalls = new Dictionary<string, long>(EcsCalls, StringComparer.Ordinal) { ["RunInstances"] = 22 },
        CloudCallsPerSecond = PerSecond(runInstances: [2, 2], throttled: [1, 1]),
        Throttled = 2,
        Retries = 2,
        WallSeconds = 5,
    };

    private static CloudCallsPerSecond PerSecond(long[] runInstances, long[] throttled) => new(
        -0.5,
        new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal) { ["RunInstances"] = runInstances },
        new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal) { ["RunInstances"] = throttled });

    /// <summary>Ten nodes requested, Ready one a second from <paramref name="firstReady"/>; the floor 11..20 s.</summary>
    private static BurstRunResult Run(string policy, int firstReady) => new()
    {
        Policy = policy,
        NodesRequested = 10,
        Instances = [],
        ReadySeconds = [.. Enumerable.Range(firstReady, 10).Select(s => (double)s)],
        FloorSeconds = [.. Enumerable.Range(11, 10).Select(s => (double)s)],
        FirstCloudCallSeconds = 0.5,
        AllRequestedSeconds = 2,
        CloudCalls = EcsCalls,
        Throttled = 0,
        Retries = 0,
        InstancesCreated = 10,
        InstancesFromWarmPool = 0,
        DuplicateInstances = 0,
        LeakedInstances = 0,
        ReplacedNodes = 0,
        InstancesByOffering = new Dictionary<string, long>(StringComparer.Ordinal) { ["ecs.g7.large@cn-hangzhou-h"] = 10 },
        DurationSeconds = firstReady + 10,
        WallSeconds = 1,
        TimedOut = false,
    };
}
