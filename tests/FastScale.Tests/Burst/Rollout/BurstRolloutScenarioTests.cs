using FastScale.Burst;
using FastScale.Burst.Rollout;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using FastScale.Tests.Plan;
using Xunit.Abstractions;

namespace FastScale.Tests.Burst.Rollout;

/// <summary>
/// Issue 16's rollout scenarios at CI size, end to end on a fresh embedded world: the burst's 100 nodes, workloads
/// under PDBs, the image changed in the provider's policy file, and serve's rollout controller rotating the group
/// through the Kubernetes drainer. Asserted through the same <see cref="BurstConditions.Failures"/> the command exits
/// on, plus the issue's own criteria.
/// </summary>
[Collection(SerialBursts.Name)]
public sealed class BurstRolloutScenarioTests(ITestOutputHelper output)
{
    // As the other condition scenarios: 8 emulated seconds per wall second; a 100-node rollout is some 6 emulated minutes.
    private const double TimeScale = 8;

    private static Task<BurstRunResult> RunAsync(BurstScenario scenario, CancellationToken cancellationToken) =>
        new BurstRunner(
            new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: TimeScale),
            TimeProvider.System).RunFastScaleAsync(scenario, progress: null, cancellationToken);

    private void Report(BurstRunResult run) => output.WriteLine(
        $"ready {run.NodesReady}/{run.NodesRequested}, created {run.InstancesCreated}, duplicates {run.DuplicateInstances}, leaks {run.LeakedInstances}, " +
        $"{run.DurationSeconds:0.0} s emulated, {run.WallSeconds:0.0} s wall" + Environment.NewLine + FastScale.Burst.Reports.RolloutNote.Line(run));

    [Fact]
    public async Task Rollout100_EveryOldNodeReplaced_NoPdbViolation_NoPodLost_NeverBelowTheGroupSize()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var scenario = BurstScenarios.Find("rollout-100", null, out _)!;

        var run = await RunAsync(scenario, timeout.Token);
        Report(run);

        Assert.Empty(BurstConditions.Failures(scenario, run));
        var rollout = Assert.IsType<RolloutFigures>(run.Rollout);
        Assert.Equal(100, rollout.NodesReplaced);
        Assert.Equal(0, rollout.PdbViolations + rollout.DeleteBudgetViolations);
        Assert.Equal(0, rollout.PodsLost);
        Assert.Equal(0, rollout.MaxNodesUnavailable);
        Assert.NotNull(rollout.DurationSeconds);
        // Drains go through the Eviction API: every workload pod was evicted once, and budgets refused some on the way.
        Assert.True(rollout.EvictionsAllowed >= rollout.Pods, $"{rollout.EvictionsAllowed} evictions for {rollout.Pods} pods");
        Assert.True(rollout.EvictionsRefused > 0, "no eviction was refused: the budgets were never tested");
        // Surge first, a batch at a time: never more than one batch of new nodes ahead of the old ones retired.
        Assert.All(rollout.Timeline, s => Assert.True(s.New - (100 - s.Old - s.Draining) <= RolloutSpec.SurgeBatch(100), $"at {s.Seconds:0} s: {s}"));
        Assert.Equal((0, 0, 100), (rollout.Timeline[^1].Old, rollout.Timeline[^1].Draining, rollout.Timeline[^1].New));
        // The burst's own figures are the burst's, measured before the rotation replaced its nodes.
        Assert.Equal(100, run.ReadySeconds.Count);
        Assert.True(run.ReadySeconds[^1] < rollout.ChangedAtSeconds, $"the last burst node Ready at {run.ReadySeconds[^1]:0.0} s, after the change at {rollout.ChangedAtSeconds:0.0} s");
        Assert.Equal((0, 0), (run.DuplicateInstances, run.LeakedInstances));
    }

    [Fact]
    public async Task RolloutBroken100_HaltsAfterOneBatch_NoOldNodeCordonedOrDeleted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var scenario = BurstScenarios.Find("rollout-broken-100", null, out _)!;

        var run = await RunAsync(scenario, timeout.Token);
        Report(run);

        Assert.Empty(BurstConditions.Failures(scenario, run));
        var rollout = Assert.IsType<RolloutFigures>(run.Rollout);
        Assert.InRange(rollout.ReplacementsLaunched, 1, RolloutSpec.SurgeBatch(100));
        Assert.Equal(0, rollout.OldNodesCordoned);
        Assert.Equal(0, rollout.NodesReplaced);
        Assert.Equal(0, rollout.EvictionsAllowed);
        Assert.Equal(0, rollout.PodsLost);
        Assert.True(rollout.HaltEvents > 0, "no RolloutHalted event");
        Assert.All(rollout.Timeline, s => Assert.Equal((100, 0), (s.Old, s.Draining)));
    }

    [Fact]
    public async Task RolloutScaleOut100_NewTemplateNodes_P90WithinFivePercentOfTheSameScaleOutWithoutARollout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var scenario = BurstScenarios.Find("rollout-scaleout-100", null, out _)!;
        var runner = new BurstRunner(
            new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1, TimeScale: TimeScale),
            TimeProvider.System);

        var run = await BurstSession.RunFastScaleAsync(runner, scenario, progress: null, timeout.Token);
        Report(run);

        Assert.Empty(BurstConditions.Failures(scenario, run));
        var rollout = Assert.IsType<RolloutFigures>(run.Rollout);
        var scaleOut = Assert.IsType<ScaleOutFigures>(rollout.ScaleOut);
        Assert.Equal(scaleOut.Pods, scaleOut.ReadySeconds.Count);
        Assert.NotNull(rollout.ScaleOutP90Ratio);
        Assert.InRange(rollout.ScaleOutP90Ratio!.Value, 0, RolloutChecks.ScaleOutP90Tolerance);
        Assert.Equal(100, rollout.NodesReplaced);
        Assert.Equal(0, rollout.PdbViolations + rollout.DeleteBudgetViolations + rollout.PodsLost);
    }
}
