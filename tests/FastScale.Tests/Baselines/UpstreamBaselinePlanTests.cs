using FastScale.Burst;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Baselines;

/// <summary>The upstream baseline's modelled behaviours, each seen in a plan of its scenario.</summary>
public sealed class UpstreamBaselinePlanTests
{
    [Fact]
    public async Task Cold_AsksForTheWholeDeltaInOneIncreaseSize_AndAddsItsEssCallsToTheTime()
    {
        var upstream = await PlanAsync("cold-100", BurstRunner.UpstreamPolicy);
        var fastScale = await PlanAsync("cold-100", BurstRunner.FastScalePolicy);

        Assert.Equal(100, upstream.NodesReady);
        Assert.Equal(1, upstream.CloudCalls["ESS:ExecuteScalingRule"]);
        Assert.Equal(0, upstream.CloudCalls.GetValueOrDefault("RunInstances")); // ESS's creates are not the account's calls
        Assert.Equal(100, upstream.InstancesCreated);
        // Same seed, same region queue: upstream is FastScale shifted by the six ESS calls of 0.1 s inside IncreaseSize.
        Assert.Equal(fastScale.Ready.P90!.Value + 0.6, upstream.Ready.P90!.Value, precision: 3);
    }

    [Fact]
    public async Task Stockout_EssMovesToTheNextOffering()
    {
        var upstream = await PlanAsync("stockout-100", BurstRunner.UpstreamPolicy);
        var policy = EmbeddedPolicy.Load().Policy!.NodeGroups.First(g => g.Id == "general");

        Assert.Equal(100, upstream.NodesReady);
        Assert.DoesNotContain($"{policy.InstanceTypes[0]}@{policy.Zones[0].ZoneId}", upstream.InstancesByOffering.Keys);
        Assert.Equal(0, upstream.DuplicateInstances);
    }

    [Fact]
    public async Task Flaky_NodesThatNeverRegisterAreRemovedAtTheDeadline_AndTheBackoffOutlastsTheBurst()
    {
        var upstream = await PlanAsync("flaky-100", BurstRunner.UpstreamPolicy);

        Assert.Equal(1, upstream.CloudCalls["ESS:RemoveInstances"]);
        Assert.True(upstream.NodesReady < 100, $"{upstream.NodesReady} Ready: the 5 min backoff should keep the replacements out of the burst");
        Assert.Null(upstream.Ready.P99);
        Assert.Equal(0, upstream.LeakedInstances);
    }

    [Fact]
    public async Task Warm_EconomicalModeStartsItsStoppedInstances_AndCreatesNone()
    {
        var upstream = await PlanAsync("warm-100", BurstRunner.UpstreamPolicy);

        Assert.Equal(100, upstream.NodesReady);
        Assert.Equal(100, upstream.InstancesFromWarmPool);
        Assert.Equal(0, upstream.InstancesCreated);
    }

    [Fact]
    public async Task Restart_CostsUpstreamNothing()
    {
        var restart = await PlanAsync("restart-100", BurstRunner.UpstreamPolicy);
        var cold = await PlanAsync("cold-100", BurstRunner.UpstreamPolicy);

        Assert.Equal(cold.Ready.P90, restart.Ready.P90);
    }

    private static async Task<BurstRunResult> PlanAsync(string name, string policy)
    {
        var scenario = BurstScenarios.Find(name, null, out _)!;
        var settings = new PlanSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1);
        return (await PlanRunner.RunAsync(scenario, settings, TimeProvider.System, policy)).Run;
    }
}
