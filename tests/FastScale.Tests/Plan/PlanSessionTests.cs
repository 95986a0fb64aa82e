using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Plan;

/// <summary>A sweep end to end: one row per value, each on a fresh world, and plan.json + plan.html in the folder.</summary>
public sealed class PlanSessionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fastscale-plan-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RunAsync_OnAnAccountWithoutEconomicalMode_PricesTheIdlePoolAtTheRunningPrice()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var scenario = BurstScenarios.Find("warm-20", null, out _)!;
        var settings = new PlanSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 3) { EconomicalModeUnavailable = true };

        var report = await PlanSession.RunAsync(scenario, settings, sweep: null, _folder, progress: null, TimeProvider.System, CancellationToken.None);

        var row = Assert.Single(report.Rows);
        Assert.Equal((20, 20), (row.Result.WarmPoolSize, row.Result.WarmPoolKeepCharging));
        Assert.Equal(20 * policy.NodeGroups[0].Prices!.NodePerHour, row.IdleCostPerHour!.Value, 6);
        Assert.Equal(20, row.Run.InstancesFromWarmPool); // still started, not created: the stock was kept
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "plan.json")))!;
        Assert.Equal(20, (int?)json["rows"]![0]!["warmPoolKeepCharging"]);
    }

    [Fact]
    public async Task RunAsync_WarmPoolSweep_WritesARowPerValueWithIdleCostAndASelfContainedChart()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var scenario = BurstScenarios.Find("cold-30", null, out _)!;
        var sweep = PlanSweep.Parse("warmPool=0,30", policy.NodeGroups[0], out _)!;
        var settings = new PlanSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 3);
        var printed = new List<string>();

        var report = await PlanSession.RunAsync(scenario, settings, sweep, _folder, row => printed.Add(row.Label), TimeProvider.System, CancellationToken.None);

        Assert.Equal(["0", "30"], printed);
        Assert.Equal(0, report.Rows[0].Run.InstancesFromWarmPool);
        Assert.Equal(30, report.Rows[1].Run.InstancesFromWarmPool);
        // Idle cost: the pool's stopped instances at the group's stoppedPerHour.
        Assert.Equal(0, report.Rows[0].IdleCostPerHour);
        Assert.Equal(30 * policy.NodeGroups[0].Prices!.StoppedPerHour, report.Rows[1].IdleCostPerHour!.Value, 6);
        Assert.Equal(report.Rows[1].IdleCostPerHour!.Value * 730, report.Rows[1].IdleCostPerMonth!.Value, 6);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "plan.json")))!;
        Assert.Equal("warmPool", (string?)json["sweep"]);
        var rows = json["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        foreach (var field in new[] { "readySeconds", "floorSeconds", "duplicateInstances", "leakedInstances", "idleCostPerMonth", "instancesByOffering" })
        {
            Assert.True(rows[1]![field] is not null, $"plan.json rows lack {field}");
        }

        Assert.Equal(report.Rows[1].Ready.P90!.Value, (double)rows[1]!["readySeconds"]!["p90"]!, 3);
        Assert.Equal(report.Rows[0].Run.InstancesByOffering.Values.Sum(), rows[0]!["instancesByOffering"]!.AsObject().Sum(o => (long)o.Value!));
        // The baselines beside every row, with FastScale's field names; a warmPool sweep changes FastScale alone.
        foreach (var (name, run) in new[] { ("upstream", report.Rows[1].Upstream), ("naive", report.Rows[1].Naive) })
        {
            var baseline = rows[1]!["baselines"]![name]!;
            Assert.Equal(name, (string?)baseline["policy"]);
            Assert.Equal(run.NodesReady, (int)baseline["nodesReady"]!);
            Assert.Equal(run.Ready.P90!.Value, (double)baseline["readySeconds"]!["p90"]!, 3);
            Assert.NotNull(baseline["duplicateInstances"]);
            Assert.NotNull(baseline["leakedInstances"]);
        }

        Assert.Equal(report.Rows[0].Upstream.Ready.P90, report.Rows[1].Upstream.Ready.P90);
        Assert.Equal(1, report.Rows[0].Upstream.CloudCalls["ESS:ExecuteScalingRule"]);
        Assert.Equal(30, report.Rows[0].Naive.CloudCalls["RunInstances"]);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "plan.html"));
        Assert.Single(html.Split("<svg ").Skip(1));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cold-200", "provisioningPerSecond=10,100")]
    [InlineData("warm-100", "startProvisioning=x2,x0.5")]
    public async Task RunAsync_ProfileSweep_SlowerRegionGivesAHigherP90AndAFloorFromTheSweptProfile(string name, string text)
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var scenario = BurstScenarios.Find(name, null, out _)!;
        var sweep = PlanSweep.Parse(text, policy.NodeGroups[0], out _)!;
        var settings = new PlanSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 3);

        var report = await PlanSession.RunAsync(scenario, settings, sweep, outFolder: null, progress: null, TimeProvider.System, CancellationToken.None);

        // The first value of each sweep is the slower world.
        var (slow, fast) = (report.Rows[0], report.Rows[1]);
        Assert.Equal(scenario.Nodes, slow.Run.NodesReady);
        Assert.Equal(scenario.Nodes, fast.Run.NodesReady);
        Assert.True(slow.Ready.P90 > fast.Ready.P90, $"P90 {slow.Label}: {slow.Ready.P90}, {fast.Label}: {fast.Ready.P90}");
        // The floor is the latency model alone; it moves with the swept profile, and readiness never beats it.
        Assert.True(slow.FloorP90 > fast.FloorP90, $"floor P90 {slow.Label}: {slow.FloorP90}, {fast.Label}: {fast.FloorP90}");
        foreach (var row in report.Rows)
        {
            Assert.True(row.Ready.P90 >= row.FloorP90 - 1e-3, $"{row.Label}: ready P90 {row.Ready.P90} below floor P90 {row.FloorP90}");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_StartsWaitInCreateQueue_SlowsWarmStartsAndTheirFloor_NotFastScalesLead()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var scenario = BurstScenarios.Find("warm-200", null, out _)!;
        var sweep = PlanSweep.Parse("startsWaitInCreateQueue=false,true", policy.NodeGroups[0], out _)!;
        var settings = new PlanSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 3);

        var report = await PlanSession.RunAsync(scenario, settings, sweep, outFolder: null, progress: null, TimeProvider.System, CancellationToken.None);

        var (skip, wait) = (report.Rows[0], report.Rows[1]);
        Assert.True(wait.Ready.P90 > skip.Ready.P90, $"queued starts P90 {wait.Ready.P90} s, unqueued {skip.Ready.P90} s");
        Assert.True(wait.FloorP90 > skip.FloorP90, $"queued starts floor {wait.FloorP90} s, unqueued {skip.FloorP90} s");
        Assert.Equal(200, wait.Run.InstancesFromWarmPool);
        Assert.True(wait.Ready.P90 <= wait.Upstream.Ready.P90, "economical mode waits in the same queue");
    }

    [Fact]
    public async Task RunAsync_EssCallSweep_MovesUpstreamAlone_BySixCallsPerIncreaseSize()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var scenario = BurstScenarios.Find("cold-50", null, out _)!;
        var sweep = PlanSweep.Parse("essCallSeconds=0.1,0.5", policy.NodeGroups[0], out _)!;
        var settings = new PlanSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 3);

        var report = await PlanSession.RunAsync(scenario, settings, sweep, outFolder: null, progress: null, TimeProvider.System, CancellationToken.None);

        Assert.Equal(report.Rows[0].Ready.P90, report.Rows[1].Ready.P90);
        Assert.Equal(report.Rows[0].Upstream.Ready.P90!.Value + (6 * 0.4), report.Rows[1].Upstream.Ready.P90!.Value, precision: 3);
    }
}
