using FastScale.Burst;
using FastScale.Burst.Rollout;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;
using Xunit.Abstractions;

namespace FastScale.Tests.Burst.Rollout;

/// <summary>
/// Issue 16's rollout scenarios at CI size, end to end on a fresh embedded world: the burst's 100 nodes, workloads
/// under PDBs, the image changed in the provider's policy file, and the provider's rollout controller rotating the
/// group. Asserted through the same <see cref="BurstConditions.Failures"/> the command exits on, plus the issue's own
/// criteria. These need the engine's RolloutController wired into <c>serve</c>'s composition with a Kubernetes
/// INodeDrainer: without it the image change is never acted on and they fail on "did not finish" / "no replacement".
/// </summary>
public sealed class BurstRolloutScenarioTests(ITestOutputHelper output)
{
    // As the other condition scenarios: 8 emulated seconds per wall second; a 100-node rollout is some 15 emulated minutes.
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
