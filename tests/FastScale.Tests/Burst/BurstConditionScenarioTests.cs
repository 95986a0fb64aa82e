using FastScale.Burst;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Tests.Burst;

/// <summary>
/// The CI-sized scenarios with a condition (throttled, stock-out, warm, flaky): FastScale's run end to end on a fresh
/// embedded world, the invariants asserted on what the emulator and the Kubernetes API saw. The baseline is left out:
/// it faces the same conditions with no fallback or repair, so it would only run into its timeout.
/// </summary>
public sealed class BurstConditionScenarioTests(ITestOutputHelper output)
{
    private void Report(BurstRunResult run) => output.WriteLine(
        $"ready {run.NodesReady}/{run.NodesRequested}, p50 {run.Ready.P50:0.0} s, p90 {run.Ready.P90:0.0} s, " +
        $"floor p90 {run.Floor.P90:0.0} s, created {run.InstancesCreated}, duplicates {run.DuplicateInstances}, " +
        $"leaks {run.LeakedInstances}, replaced {run.ReplacedNodes}, throttled {run.Throttled}, retries {run.Retries}, " +
        $"calls {string.Join(" ", run.CloudCalls.Select(c => $"{c.Key}={c.Value}"))}, offerings {string.Join(" ", run.InstancesByOffering)}, " +
        $"{run.DurationSeconds:0.0} s emulated, {run.WallSeconds:0.0} s wall");

    private static BurstSettings Settings(double timeScale) =>
        new(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: timeScale);

    private static Task<BurstRunResult> RunAsync(string name, double timeScale, CancellationToken cancellationToken) =>
        new BurstRunner(Settings(timeScale), TimeProvider.System).RunFastScaleAsync(BurstScenarios.Find(name, null, out _)!, progress: null, cancellationToken);

    /// <summary>What every scenario must keep: all requested nodes Ready in time, nothing created twice, nothing leaked.</summary>
    private static void AssertAllReadyNoDuplicatesNoLeaks(BurstRunResult run, int nodes)
    {
        Assert.False(run.TimedOut);
        Assert.Equal(nodes, run.NodesReady);
        Assert.Equal(0, run.DuplicateInstances);
        Assert.Equal(0, run.LeakedInstances);
    }

    [Fact]
    public async Task Run_Throttled100_AllReadyNoDuplicatesNoLeaksAndThrottlesSeen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var run = await RunAsync("throttled-100", 8, timeout.Token);
        Report(run);

        AssertAllReadyNoDuplicatesNoLeaks(run, 100);
        Assert.Equal(100, run.InstancesCreated);
        Assert.True(run.Throttled >= BurstConditions.ThrottledInjectedCalls, $"throttled: {run.Throttled}");
        Assert.True(run.CloudCalls["RunInstances"] > 1, $"RunInstances calls: {run.CloudCalls["RunInstances"]}");
    }

    [Fact]
    public async Task Run_StockOut100_FallsBackWithinTheBurst()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var group = EmbeddedPolicy.Load().Policy!.NodeGroups[0];
        var soldOut = $"{group.InstanceTypes[0]}@{group.Zones[0].ZoneId}";

        var run = await RunAsync("stockout-100", 8, timeout.Token);
        Report(run);

        AssertAllReadyNoDuplicatesNoLeaks(run, 100);
        Assert.Equal(100, run.InstancesCreated);
        Assert.False(run.InstancesByOffering.ContainsKey(soldOut), string.Join(", ", run.InstancesByOffering));
        Assert.Equal(100, run.InstancesByOffering.Values.Sum());
    }

    [Fact]
    public async Task Run_IpExhausted100_FirstZoneTakesWhatItsVSwitchHoldsAndTheRestComesFromTheSecond()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var group = EmbeddedPolicy.Load().Policy!.NodeGroups[0];
        var firstZone = $"{group.InstanceTypes[0]}@{group.Zones[0].ZoneId}";
        var secondZone = $"{group.InstanceTypes[0]}@{group.Zones[1].ZoneId}";

        var run = await RunAsync("ipexhausted-100", 8, timeout.Token);
        Report(run);

        AssertAllReadyNoDuplicatesNoLeaks(run, 100);
        Assert.Equal(100, run.InstancesCreated);
        // The vSwitch's 30 IPs are all used, and no other type was sent into the full vSwitch.
        Assert.Equal(BurstConditions.IpExhaustedFreeIps(100), run.InstancesByOffering.GetValueOrDefault(firstZone));
        Assert.Equal(100 - BurstConditions.IpExhaustedFreeIps(100), run.InstancesByOffering.GetValueOrDefault(secondZone));
    }

    [Fact]
    public async Task Run_Warm100_StartsThePoolInsteadOfCreating()
    {
        // How much faster warm is than cold is a load-test figure (warm-1000 against cold-1000), not a unit-test bound.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));

        var warm = await RunAsync("warm-100", 8, timeout.Token);
        Report(warm);

        AssertAllReadyNoDuplicatesNoLeaks(warm, 100);
        Assert.Equal(100, warm.InstancesFromWarmPool);
        Assert.Equal(0, warm.InstancesCreated);
        Assert.True(warm.CloudCalls["StartInstances"] > 0);
    }

    [Fact]
    public async Task Run_Flaky100_ReplacesTheInstancesThatNeverBoot()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var run = await RunAsync("flaky-100", 8, timeout.Token);
        Report(run);

        AssertAllReadyNoDuplicatesNoLeaks(run, 100);
        // 5% of 100 drawn from the seed: a handful, never a mass replacement.
        Assert.InRange(run.ReplacedNodes, 1, 15);
        Assert.Equal(100 + run.ReplacedNodes, run.InstancesCreated);
    }

    [Fact]
    public async Task Run_Brake100_PausesRepairInsteadOfReplacingTheGroup()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var run = await RunAsync("brake-100", 8, timeout.Token);
        Report(run);

        const int brakeAllows = 20; // the default share, 20% of a group of 100
        Assert.True(run.RepairPaused, "the brake should be engaged with 40% of the group never booting");
        // The brake lets at most its share through before engaging; a mass replacement would be ~40.
        Assert.InRange(run.ReplacedNodes, 0, brakeAllows);
        Assert.Equal(0, run.DuplicateInstances);
        // 40% drawn from the seed: the healthy ones all got Ready, the broken ones were held back, not replaced.
        Assert.InRange(run.NodesReady, 45, 75);
        // Percentiles are over the 100 requested: with a broken share held back, P90 is never reached.
        Assert.Equal(run.NodesReady, run.Ready.Reached);
        Assert.Null(run.Ready.P90);
        var held = run.InstancesCreated - run.ReplacedNodes - run.NodesReady;
        Assert.True(held > brakeAllows, $"held back: {held}");
        // The only owned instances without a node are those broken ones, kept for a person to look at.
        Assert.Equal(held, run.LeakedInstances);
    }

    [Fact]
    public async Task Run_Restart100_SuccessorAdoptsTheBatchWhoseAnswerWasLost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var run = await RunAsync("restart-100", 8, timeout.Token);
        Report(run);
        var restart = Assert.IsType<RestartFigures>(run.Restart);
        output.WriteLine($"restart at {restart.CrashedAtSeconds:0.0} s with {restart.InstancesAtCrash} instances; recovered after {restart.RecoveredAfterSeconds:0.0} s; " +
            $"re-requested {restart.ReRequested}; first launch after {restart.FirstLaunchAfterSeconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} s");

        AssertAllReadyNoDuplicatesNoLeaks(run, 100);
        // The one batch was created but its answer lost: the successor finds all 100 by their tags and launches nothing.
        Assert.Equal(100, restart.InstancesAtCrash);
        Assert.Equal(0, restart.ReRequested);
        Assert.Equal(100, run.InstancesCreated);
        Assert.Equal(1, run.CloudCalls["RunInstances"]);
    }
}
