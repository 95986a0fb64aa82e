using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Burst;

/// <summary>
/// The CI-sized scenarios end to end: the real provider over gRPC (or fast mode on pending pods), the ECS emulator, the
/// cluster simulator with kubelets and scheduler, and the upstream and naive baselines, on a clock four times faster than real.
/// </summary>
public sealed class BurstEndToEndTests : IDisposable
{
    private static readonly string[] ContractFields =
    [
        "scenario", "nodesRequested", "nodesReady",
        "readySeconds.p50", "readySeconds.p90", "readySeconds.p99", "readySeconds.max",
        "floorSeconds.p50", "floorSeconds.p90", "floorSeconds.p99",
        "firstCloudCallSeconds", "allRequestedSeconds",
        "cloudCalls.RunInstances", "cloudCalls.StartInstances", "cloudCalls.DescribeInstances", "cloudCalls.DeleteInstances",
        "throttled", "retries", "instancesCreated", "duplicateInstances", "leakedInstances", "replacedNodes",
        "baseline.policy", "baseline.readySeconds.p50", "baseline.readySeconds.p90", "baseline.readySeconds.p99",
        "baselines.upstream.policy", "baselines.upstream.readySeconds.p90", "baselines.upstream.readySeconds.reached",
        "baselines.upstream.nodesReady", "baselines.upstream.cloudCalls.ESS:ExecuteScalingRule", "baselines.upstream.throttled",
        "baselines.upstream.duplicateInstances", "baselines.upstream.leakedInstances",
        "baselines.naive.policy", "baselines.naive.readySeconds.p90", "baselines.naive.readySeconds.reached", "baselines.naive.nodesReady",
        "baselines.naive.cloudCalls.RunInstances", "baselines.naive.throttled", "baselines.naive.duplicateInstances", "baselines.naive.leakedInstances",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fastscale-burst-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Run_Cold100SignedOnlyWithRrsa_RenewsItsKeysAtLeastTwiceAndNoCallIsRefused()
    {
        var scenario = BurstScenarios.Find("cold-100", null, out _)!;
        // 30 s keys are renewed 15 s ahead: a cold-100 run of about 40 emulated seconds needs the first fetch and two renewals.
        var settings = new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: 4,
            RrsaLifetime: TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var report = await BurstSession.RunAsync(scenario, settings, _folder, progress: null, TimeProvider.System, timeout.Token);

        var run = report.FastScale;
        Assert.Equal(100, run.NodesReady);
        Assert.True(run.CloudCalls["AssumeRoleWithOIDC"] >= 3, $"AssumeRoleWithOIDC calls: {run.CloudCalls["AssumeRoleWithOIDC"]}");
        Assert.Empty(run.CloudErrors);
        Assert.Equal(0, run.Retries);
    }

    [Theory]
    [InlineData("cold-100")]
    [InlineData("fastmode-100")]
    public async Task Run_CiScenario_AllReadyNoDuplicatesNoLeaksAndAFullReport(string name)
    {
        var scenario = BurstScenarios.Find(name, null, out _)!;
        var settings = new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: 4);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var report = await BurstSession.RunAsync(scenario, settings, _folder, progress: null, TimeProvider.System, timeout.Token);

        var run = report.FastScale;
        Assert.False(run.TimedOut);
        Assert.Equal(100, run.NodesReady);
        Assert.Equal(100, run.InstancesCreated);
        Assert.Equal(0, run.DuplicateInstances);
        Assert.Equal(0, run.LeakedInstances);
        Assert.Equal(0, run.Throttled);
        Assert.Equal(100, report.Baseline.NodesReady);
        Assert.Equal(100, report.Upstream.NodesReady);
        // One call per node; a call the emulator throttled (a loaded machine can make one land in the next second) is
        // repeated once the block lifts, and counted apart.
        Assert.Equal(100, report.Baseline.CloudCalls["RunInstances"] - report.Baseline.Throttled);
        // The floor is the physical limit: no node set can beat it, and with the same seed both runs share it.
        Assert.True(run.Ready.P50 >= run.Floor.P50);
        Assert.Equal(run.FloorSeconds, report.Baseline.FloorSeconds);
        // FastScale coalesces the burst (fast mode may decide in a few steps as the scheduler marks pods); the baseline asks once per node.
        Assert.True(run.CloudCalls["RunInstances"] <= 10, $"RunInstances calls: {run.CloudCalls["RunInstances"]}");

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")))!;
        foreach (var field in ContractFields)
        {
            var node = field.Split('.').Aggregate((JsonNode?)json, (n, key) => n?[key]);
            Assert.True(node is not null, $"report.json lacks {field}");
        }

        Assert.Equal(name, (string?)json["scenario"]);
        Assert.Equal(0, (long)json["duplicateInstances"]!);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"));
        // The CDF, a timeline per run, and a calls chart per run that made metered calls (upstream's ESS makes them as the cloud).
        Assert.Equal(6 + (report.Upstream.CloudCallsPerSecond.Calls.Count > 0 ? 1 : 0), html.Split("<svg ").Length - 1);
        Assert.Contains("data-name=\"upstream baseline\"", html, StringComparison.Ordinal);
        Assert.Contains("data-name=\"floor\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("| ready p90 (s) |", await File.ReadAllTextAsync(Path.Combine(_folder, "report.md")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
