using FastScale.Burst;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Tests.Plan;

/// <summary>Scenarios computed in simulated time: complete, clean, repeatable for a seed, and computed off the thread pool.</summary>
public sealed class PlanRunnerTests(ITestOutputHelper output)
{
    private static PlanSettings Settings(int seed = 1) =>
        new(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), seed);

    private static BurstScenario Scenario(string name) => BurstScenarios.Find(name, null, out _)!;

    [Theory]
    [InlineData("cold-100")]
    [InlineData("warm-50")]
    [InlineData("throttled-50")]
    [InlineData("stockout-50")]
    [InlineData("notonsale-50")]
    [InlineData("ipexhausted-400")]
    [InlineData("flaky-50")]
    [InlineData("restart-400")]
    public async Task RunAsync_Scenario_AllReadyNoDuplicatesNoLeaksAndNoThreadEscapes(string name)
    {
        var scenario = Scenario(name);

        var result = await PlanRunner.RunAsync(scenario, Settings(), TimeProvider.System);

        var run = result.Run;
        Assert.False(run.TimedOut);
        Assert.Equal(scenario.Nodes, run.NodesReady);
        Assert.Equal(0, run.DuplicateInstances);
        Assert.Equal(0, run.LeakedInstances);
        Assert.Equal(0, result.ForeignThreadCalls);
        // In simulated time a node can be exactly as fast as its floor; a millisecond covers timestamps in ticks against
        // a floor summed in doubles.
        Assert.True(run.Ready.P50 >= run.Floor.P50 - 1e-3, $"ready p50 {run.Ready.P50} below floor p50 {run.Floor.P50}");
        switch (scenario.Condition)
        {
            case BurstCondition.Warm:
                // Started, not created (the pool's refill after t = 0 is the pool's, not the burst's).
                Assert.Equal(scenario.Nodes, run.InstancesFromWarmPool);
                Assert.Equal(0, run.InstancesCreated);
                Assert.True(run.CloudCalls["StartInstances"] > 0);
                break;
            case BurstCondition.Throttled:
                Assert.True(run.Throttled >= BurstConditions.ThrottledInjectedCalls);
                break;
            case BurstCondition.StockOut or BurstCondition.NotOnSale:
                var first = EmbeddedPolicy.Load().Policy!.NodeGroups[0];
                Assert.False(run.InstancesByOffering.ContainsKey($"{first.InstanceTypes[0]}@{first.Zones[0].ZoneId}"));
                Assert.Equal(scenario.Nodes, run.InstancesByOffering.Values.Sum());
                break;
            case BurstCondition.IpExhausted:
                var group = EmbeddedPolicy.Load().Policy!.NodeGroups[0];
                var inFirstZone = run.InstancesByOffering.Where(o => o.Key.EndsWith($"@{group.Zones[0].ZoneId}", StringComparison.Ordinal)).Sum(o => o.Value);
                Assert.Equal(BurstConditions.IpExhaustedFreeIps(scenario.Nodes), inFirstZone);
                Assert.Equal(scenario.Nodes - inFirstZone, run.InstancesByOffering.GetValueOrDefault($"{group.InstanceTypes[0]}@{group.Zones[1].ZoneId}"));
                break;
            case BurstCondition.Flaky:
                Assert.True(run.ReplacedNodes > 0);
                break;
            case BurstCondition.Restart:
                // Killed once ECS had accepted batch 2 of 4 and its answer was lost: the successor adopts those 200 by
                // their tags and launches only what never left the dead process, under new batch numbers.
                var restart = Assert.IsType<RestartFigures>(run.Restart);
                Assert.Equal(200, restart.InstancesAtCrash);
                Assert.Equal(200, restart.ReRequested);
                Assert.Equal(scenario.Nodes, run.InstancesCreated);
                break;
        }
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_GivesTheSameFigures()
    {
        var scenario = Scenario("warm-40");

        var first = (await PlanRunner.RunAsync(scenario, Settings(seed: 7), TimeProvider.System)).Run;
        var second = (await PlanRunner.RunAsync(scenario, Settings(seed: 7), TimeProvider.System)).Run;

        Assert.Equal(first.ReadySeconds, second.ReadySeconds);
        Assert.Equal(first.FloorSeconds, second.FloorSeconds);
        Assert.Equal(first.Instances.Select(i => i.InstanceId), second.Instances.Select(i => i.InstanceId));
        Assert.Equal(first.CloudCalls, second.CloudCalls);
    }

    [Fact]
    public async Task RunAsync_AnotherSeed_GivesOtherSamples()
    {
        var scenario = Scenario("cold-50");

        var one = (await PlanRunner.RunAsync(scenario, Settings(seed: 1), TimeProvider.System)).Run;
        var two = (await PlanRunner.RunAsync(scenario, Settings(seed: 2), TimeProvider.System)).Run;

        Assert.NotEqual(one.ReadySeconds, two.ReadySeconds);
    }

    [Fact]
    public void Unsupported_NoScenarioABurstOffers_ButThoseWithFaultsOnTheWire()
    {
        foreach (var name in BurstScenarios.Names)
        {
            var scenario = Scenario(name);
            if (scenario.Condition == BurstCondition.Rollout)
            {
                Assert.Contains("Eviction API", PlanRunner.Unsupported(scenario), StringComparison.Ordinal);
            }
            else if (scenario.Faults is null)
            {
                Assert.Null(PlanRunner.Unsupported(scenario));
            }
            else
            {
                Assert.Contains("on the wire", PlanRunner.Unsupported(scenario), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// fastmode: nothing calls IncreaseSize. The provider's own fast mode (serve's pending-pod source, node readiness and
    /// node room over the plan's pods and Nodes) finds the 100 pending pods and launches for them at once.
    /// </summary>
    [Fact]
    public async Task RunAsync_FastMode100_TheProviderFindsThePendingPodsItselfAndLaunchesAtOnce()
    {
        var result = await PlanRunner.RunAsync(Scenario("fastmode-100"), Settings(), TimeProvider.System);

        var run = result.Run;
        Assert.Equal(100, run.NodesReady);
        Assert.Equal(100, run.InstancesCreated);
        Assert.Equal(0, run.DuplicateInstances);
        Assert.Equal(0, result.ForeignThreadCalls);
        Assert.InRange(run.CloudCalls["RunInstances"], 1, 3);

        // Pods at t = 0, marked Unschedulable at once, one 50 ms coalescing window: the first call is well inside a second.
        Assert.InRange(run.FirstCloudCallSeconds!.Value, 0, 1);
        output.WriteLine($"plan fastmode-100: first call {run.FirstCloudCallSeconds:0.000} s, all requested {run.AllRequestedSeconds:0.000} s, " +
            $"P50/P90 {run.Ready.P50:0.0}/{run.Ready.P90:0.0} s (floor P90 {run.Floor.P90:0.0})");
    }

    [Fact]
    public async Task RunAsync_FastModeBaselines_WaitForTheAutoscalersReaction()
    {
        var upstream = (await PlanRunner.RunAsync(Scenario("fastmode-100"), Settings(), TimeProvider.System, BurstRunner.UpstreamPolicy)).Run;
        var fastScale = (await PlanRunner.RunAsync(Scenario("fastmode-100"), Settings(), TimeProvider.System)).Run;

        Assert.Equal(100, upstream.NodesReady);
        Assert.True(upstream.FirstCloudCallSeconds >= Settings().UpstreamModel.AutoscalerReaction.TotalSeconds,
            $"upstream's first call at {upstream.FirstCloudCallSeconds} s, before the autoscaler's reaction");
        Assert.True(upstream.Ready.P90 > fastScale.Ready.P90, $"upstream P90 {upstream.Ready.P90} s, FastScale {fastScale.Ready.P90} s");
    }

    /// <summary>The 1,000-node target (under 2 s of wall time) is a printed figure, not a timed assertion: CI machines vary.</summary>
    [Fact]
    public async Task RunAsync_Cold1000_CompletesAndPrintsItsWallTime()
    {
        var result = await PlanRunner.RunAsync(Scenario("cold-1000"), Settings(), TimeProvider.System);

        Assert.Equal(1000, result.Run.NodesReady);
        Assert.Equal(0, result.Run.DuplicateInstances);
        Assert.Equal(0, result.ForeignThreadCalls);
        output.WriteLine($"plan cold-1000: {result.WallSeconds:0.00} s wall, {result.TimerEvents} timer events, P90 {result.Run.Ready.P90:0.0} s simulated");
    }
}
