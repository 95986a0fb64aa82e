using FastScale.Burst;
using FastScale.Engine.Policy;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Tests.Burst;

/// <summary>
/// warmPool.joinBeforePark end to end: pool instances register their Node before they are parked, so their warm start
/// skips registration. The autoscaler's unready tolerance is raised here (as a cluster running it with a higher
/// --ok-total-unready-count would), since a burst starts from a cluster with no other Node and the default tolerance
/// would let a single parked Node stay joined.
/// </summary>
public sealed class WarmJoinBeforeParkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Plan_Warm100_Joined_IsAheadOfUnjoined_ByRegistration_InReadinessAndFloor()
    {
        var joined = await PlanAsync(Policy(join: true));
        var unjoined = await PlanAsync(Policy(join: false));

        output.WriteLine($"joined P50/P90 {joined.Ready.P50:0.00}/{joined.Ready.P90:0.00} floor {joined.Floor.P90:0.00}; " +
            $"unjoined {unjoined.Ready.P50:0.00}/{unjoined.Ready.P90:0.00} floor {unjoined.Floor.P90:0.00}");
        foreach (var run in new[] { joined, unjoined })
        {
            Assert.Equal(100, run.NodesReady);
            Assert.Equal(100, run.InstancesFromWarmPool);
            Assert.Equal((0, 0), (run.DuplicateInstances, run.LeakedInstances));
        }

        // The default profile's registration is a 4 s median: the joined pool saves about that at P90, never nothing.
        Assert.InRange(unjoined.Ready.P90!.Value - joined.Ready.P90!.Value, 2.0, 10.0);
        Assert.InRange(unjoined.Floor.P90!.Value - joined.Floor.P90!.Value, 2.0, 10.0);
        Assert.All(joined.Instances, i => Assert.Null(i.RegisteredSeconds));
        Assert.All(unjoined.Instances, i => Assert.NotNull(i.RegisteredSeconds));
    }

    [Fact]
    public async Task Burst_Warm100_Joined_EveryNodeRegisteredBeforeTheBurst_AndNoneTakesPodsWhileParked()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var settings = new BurstSettings(Policy(join: true), LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: 8);

        var run = await new BurstRunner(settings, TimeProvider.System).RunFastScaleAsync(BurstScenarios.Find("warm-100", null, out _)!, progress: null, timeout.Token);

        output.WriteLine($"ready {run.NodesReady}, P90 {run.Ready.P90:0.00} s, floor {run.Floor.P90:0.00} s, calls {string.Join(" ", run.CloudCalls)}");
        Assert.False(run.TimedOut);
        Assert.Equal(100, run.NodesReady);
        Assert.Equal(100, run.InstancesFromWarmPool);
        Assert.Equal(0, run.InstancesCreated);
        Assert.Equal((0, 0), (run.DuplicateInstances, run.LeakedInstances));
        // Registered before t = 0, while warming: the warm start found its Node.
        Assert.All(run.Instances, i => Assert.Null(i.RegisteredSeconds));
    }

    private static ScalePolicy Policy(bool join)
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        policy.Provider.AutoscalerUnreadyTolerance.OkTotalUnreadyCount = 1000;
        foreach (var group in policy.NodeGroups)
        {
            group.WarmPool.JoinBeforePark = join;
        }

        return policy;
    }

    private static async Task<BurstRunResult> PlanAsync(ScalePolicy policy)
    {
        var scenario = BurstScenarios.Find("warm-100", null, out _)!;
        var settings = new PlanSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1);
        var result = await PlanRunner.RunAsync(scenario, settings, TimeProvider.System, BurstRunner.FastScalePolicy);
        Assert.Equal(0, result.ForeignThreadCalls);
        return result.Run;
    }
}
