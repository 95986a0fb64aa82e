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

    /// <summary>
    /// The rotation with a scale-out arriving inside its first batch: the superset of rollout-100 (every check of a
    /// plain rollout holds here too) for one run's time. The speed targets (the duration against its batches, the
    /// scale-out's P90 against the same without a rollout) are printed, and judged by the command at 1,000 nodes.
    /// </summary>
    [Fact]
    public async Task RolloutScaleOut100_EveryOldNodeReplaced_NoPdbViolation_NoPodLost_ScaleOutOnNewNodes_AutoscalerViewConsistent()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var scenario = BurstScenarios.Find("rollout-scaleout-100", null, out _)!;

        var run = await RunAsync(scenario, timeout.Token);
        Report(run);

        Assert.Empty(BurstConditions.Failures(scenario, run, speedTargets: false));
        var rollout = Assert.IsType<RolloutFigures>(run.Rollout);
        Assert.Equal(100, rollout.NodesReplaced);
        Assert.Equal(0, rollout.PdbViolations + rollout.DeleteBudgetViolations);
        Assert.Equal(0, rollout.PodsLost);
        Assert.Equal(0, rollout.MaxNodesUnavailable);
        Assert.NotNull(rollout.DurationSeconds);
        // Drains go through the Eviction API: every workload pod was evicted once, and budgets refused some on the way.
        Assert.True(rollout.EvictionsAllowed >= rollout.Pods, $"{rollout.EvictionsAllowed} evictions for {rollout.Pods} pods");
        Assert.True(rollout.EvictionsRefused > 0, "no eviction was refused: the budgets were never tested");
        // Surge first: never more new nodes than the old ones retired, one batch and the scale-out.
        var ahead = RolloutSpec.SurgeBatch(100) + RolloutSpec.ScaleOutNodes(100);
        Assert.All(rollout.Timeline, s => Assert.True(s.New - (100 - s.Old - s.Draining) <= ahead, $"at {s.Seconds:0} s: {s}"));
        // Every pod of the scale-out got a node, and at the end every node runs the new template.
        var scaleOut = Assert.IsType<ScaleOutFigures>(rollout.ScaleOut);
        Assert.Equal(scaleOut.Pods, scaleOut.ReadySeconds.Count);
        Assert.Equal((0, 0), (rollout.Timeline[^1].Old, rollout.Timeline[^1].Draining));
        Assert.InRange(rollout.Timeline[^1].New, 100, 100 + scaleOut.Pods);
        // The autoscaler read the group over gRPC throughout, and its target agreed with the instances listed.
        var seen = Assert.IsType<AutoscalerConsistency>(rollout.Autoscaler);
        Assert.True(seen.Samples > 100, $"{seen.Samples} reads");
        Assert.Equal(0, seen.LastingSurpluses);
        Assert.InRange(seen.LongestDeficitSeconds, 0, RolloutChecks.DeficitLimit.TotalSeconds);
        Assert.InRange(seen.MinTargetSize, 100, 100);
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
}
