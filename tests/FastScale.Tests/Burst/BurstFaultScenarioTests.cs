using FastScale.Burst;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Tests.Burst;

/// <summary>
/// Issue 17's faults in the middle of a burst at CI size: FastScale's run end to end on a fresh embedded world, asserted
/// through the same <see cref="BurstConditions.Failures"/> the command exits on, plus each scenario's own figures.
/// </summary>
public sealed class BurstFaultScenarioTests(ITestOutputHelper output)
{
    // As the other condition scenarios: 8 emulated seconds per wall second keeps a 100-node run near 15 s of wall time.
    private const double TimeScale = 8;

    private static Task<BurstRunResult> RunAsync(BurstScenario scenario, CancellationToken cancellationToken) =>
        new BurstRunner(
            new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: TimeScale),
            TimeProvider.System).RunFastScaleAsync(scenario, progress: null, cancellationToken);

    private static BurstScenario Scenario(string name) => BurstScenarios.Find(name, null, out _)!;

    private void Report(BurstRunResult run) => output.WriteLine(
        $"ready {run.NodesReady}/{run.NodesRequested}, p50 {run.Ready.P50:0.0} s, p90 {run.Ready.P90:0.0} s, created {run.InstancesCreated}, " +
        $"duplicates {run.DuplicateInstances}, leaks {run.LeakedInstances}, replaced {run.ReplacedNodes}, retries {run.Retries}, " +
        $"calls {string.Join(" ", run.CloudCalls.Select(c => $"{c.Key}={c.Value}"))}, {run.DurationSeconds:0.0} s emulated, {run.WallSeconds:0.0} s wall" +
        Environment.NewLine + FastScale.Burst.Reports.FaultNote.Line(run));

    [Fact]
    public async Task ApiServerOutage100_RepairPausesWhileBlind_NothingReplaced_AllReadyAfterTheResync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var scenario = Scenario("apiserver-outage-100");
        var outage = scenario.Faults!.Outage!;

        var run = await RunAsync(scenario, timeout.Token);
        var cold = await RunAsync(Scenario("cold-100"), timeout.Token);
        Report(run);
        output.WriteLine($"cold-100 p90 {cold.Ready.P90:0.0} s: the outage cost {run.Ready.P90 - cold.Ready.P90:0.0} s at P90");

        Assert.Empty(BurstConditions.Failures(scenario, run));
        var faults = Assert.IsType<FaultFigures>(run.Faults);
        // Blind from about the outage's start (the watches are cut then) to a resync after it, within the informers' back-off.
        Assert.InRange(faults.BlindFromSeconds!.Value, outage.Start.TotalSeconds - 0.5, outage.Start.TotalSeconds + 2);
        Assert.InRange(faults.SeenAgainSeconds!.Value, (outage.Start + outage.Duration).TotalSeconds, (outage.Start + outage.Duration + BurstConditions.BlindSlack).TotalSeconds);
        Assert.InRange(faults.BlindSeconds, outage.Duration.TotalSeconds - 1, (outage.Duration + BurstConditions.BlindSlack).TotalSeconds);
        Assert.True(faults.RepairBlindPasses > 0);
        Assert.Equal(0, run.ReplacedNodes);
        Assert.True(faults.ApiRequestsRefused > 0 && faults.ApiWatchesCut > 0, $"refused {faults.ApiRequestsRefused}, cut {faults.ApiWatchesCut}");
        // Kubelets could not report for 30 s: the burst is slower than cold, yet not by more than the outage and a resync.
        Assert.True(run.Ready.P90 > cold.Ready.P90, $"outage p90 {run.Ready.P90}, cold p90 {cold.Ready.P90}");
        Assert.True(run.Ready.P90 - cold.Ready.P90 <= (outage.Duration + BurstConditions.BlindSlack).TotalSeconds);
    }

    [Fact]
    public async Task ApiServerSlow100_NoWatchLost_NoWriteStorm_AllReady()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var scenario = Scenario("apiserver-slow-100");

        var run = await RunAsync(scenario, timeout.Token);
        Report(run);

        Assert.Empty(BurstConditions.Failures(scenario, run));
        var faults = Assert.IsType<FaultFigures>(run.Faults);
        Assert.True(faults.ApiRequestsDelayed > 0);
        Assert.Equal(0, faults.BlindSeconds);
        Assert.Equal(0, faults.ApiWatchersDropped);
        Assert.Equal(0, faults.ApiRequestsRefused);
        Assert.True(faults.ProviderWrites("POST events") <= 100, $"{faults.ProviderWrites("POST events")} events");
        Assert.True(faults.ProviderWrites("PATCH nodes") <= 100, $"{faults.ProviderWrites("PATCH nodes")} node patches");
        Assert.Equal(0, run.ReplacedNodes);
    }

    [Fact]
    public async Task EcsBrownout100_RetriesKeepTheirClientTokens_NoDuplicates_AllReady()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var scenario = Scenario("ecs-brownout-100");

        var run = await RunAsync(scenario, timeout.Token);
        Report(run);

        Assert.Empty(BurstConditions.Failures(scenario, run));
        var faults = Assert.IsType<FaultFigures>(run.Faults);
        Assert.True(faults.EcsServerErrors + faults.EcsTimeouts > 0);
        Assert.True(run.Retries > 0, $"retries {run.Retries}");
        Assert.Equal(0, run.DuplicateInstances);
        Assert.Equal(100, run.InstancesCreated);
    }
}
