using System.Text.Json.Nodes;

namespace FastScale.Tests.Burst.Reports;

[Collection(BurstReportCollection.Name)]
public sealed class ReportJsonTests(BurstReportFixture fixture)
{
    [Fact]
    public async Task Render_ThrottledRun_HasCallsPerSecondByActionWithThrottlesThatAddUpToTheTotals()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(fixture.PathOf("report.json")))!;

        foreach (var (run, label) in new[] { (json, "FastScale"), (json["baseline"]!, "baseline"), (json["baselines"]!["naive"]!, "naive") })
        {
            var perSecond = run["cloudCallsPerSecond"];
            Assert.True(perSecond is not null, $"{label}: no cloudCallsPerSecond");
            Assert.Equal(1, (int)perSecond!["bucketSeconds"]!);
            var runInstances = perSecond["calls"]!["RunInstances"]!.AsArray().Select(n => (long)n!).ToList();
            // One bucket per second of the emulator's clock over the run, every call of the burst in one of them.
            var duration = run["durationSeconds"]!.GetValue<double>();
            var first = perSecond["firstBucketSeconds"]!.GetValue<double>();
            Assert.InRange(first, -1, 0);
            Assert.InRange(runInstances.Count, Math.Floor(duration - first), Math.Ceiling(duration - first) + 1);
            Assert.Equal((long)run["cloudCalls"]!["RunInstances"]!, runInstances.Sum());
            var throttled = perSecond["throttled"]!.AsObject().SelectMany(a => a.Value!.AsArray().Select(x => (long)x!)).Sum();
            Assert.Equal((long)run["throttled"]!, throttled);
        }

        // The scenario answers the first RunInstances calls Throttling and allows 2 a second: FastScale meets both.
        var fastScaleThrottled = json["cloudCallsPerSecond"]!["throttled"]!["RunInstances"]!.AsArray().Select(x => (long)x!).ToList();
        Assert.True(fastScaleThrottled.Sum() >= 2, $"throttled RunInstances per second: {string.Join(",", fastScaleThrottled)}");
        Assert.True(fastScaleThrottled.Count(x => x > 0) >= 1);
    }

    [Fact]
    public async Task Render_AnyRun_KeepsTheContractFieldsInTheirOrder()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(fixture.PathOf("report.json")))!.AsObject();
        string[] contract =
        [
            "scenario", "nodesRequested", "nodesReady", "readySeconds", "floorSeconds", "firstCloudCallSeconds", "allRequestedSeconds",
            "cloudCalls", "throttled", "retries", "instancesCreated", "duplicateInstances", "leakedInstances", "replacedNodes", "baseline",
        ];

        var order = json.Select(p => p.Key).Where(contract.Contains).ToList();

        Assert.Equal(contract, order);
        Assert.Equal(["RunInstances", "StartInstances", "DescribeInstances", "DeleteInstances"], json["cloudCalls"]!.AsObject().Select(p => p.Key).Take(4));
    }

    [Fact]
    public async Task Render_ThrottledRun_HasBothBaselinesAndTheOldBaselineAsTheNaiveOne()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(fixture.PathOf("report.json")))!;

        var upstream = json["baselines"]!["upstream"]!;
        var naive = json["baselines"]!["naive"]!;
        Assert.Equal("upstream", (string?)upstream["policy"]);
        Assert.Equal("naive", (string?)naive["policy"]);
        foreach (var (baseline, run) in new[] { (upstream, fixture.Report.Upstream), (naive, fixture.Report.Naive) })
        {
            Assert.Equal(run.NodesReady, (int)baseline["nodesReady"]!);
            Assert.Equal(["p50", "p90", "p99", "max", "reached"], baseline["readySeconds"]!.AsObject().Select(p => p.Key));
            Assert.Equal(run.Ready.Reached, (int)baseline["readySeconds"]!["reached"]!);
            Assert.Equal(run.Throttled, (long)baseline["throttled"]!);
            Assert.Equal(run.DuplicateInstances, (long)baseline["duplicateInstances"]!);
            Assert.Equal(run.LeakedInstances, (long)baseline["leakedInstances"]!);
            Assert.Equal(["RunInstances", "StartInstances", "DescribeInstances", "DeleteInstances"], baseline["cloudCalls"]!.AsObject().Select(p => p.Key).Take(4));
            // Whatever a run called per second adds up to its totals (upstream's ESS calls are totals only).
            foreach (var (action, series) in baseline["cloudCallsPerSecond"]!["calls"]!.AsObject())
            {
                Assert.Equal((long)baseline["cloudCalls"]![action]!, series!.AsArray().Sum(n => (long)n!));
            }
        }

        // The upstream provider executes a scaling rule for the burst, through ESS, not ECS.
        Assert.True((long)upstream["cloudCalls"]!["ESS:ExecuteScalingRule"]! >= 1, upstream["cloudCalls"]!.ToJsonString());
        Assert.Equal(0, (long)upstream["cloudCalls"]!["RunInstances"]!);
        Assert.Null(naive["cloudCalls"]!["ESS:ExecuteScalingRule"]);
        foreach (var (field, value) in json["baseline"]!.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(value, naive[field]), $"baseline.{field} differs from baselines.naive.{field}");
        }

        Assert.Equal(Math.Round(fixture.Report.Runs.Sum(r => r.Run.WallSeconds), 3), (double)json["wallSeconds"]!);
    }
}
