using FastScale.Burst;
using FastScale.Burst.Rollout;

namespace FastScale.Tests.Burst.Rollout;

public sealed class RolloutChecksTests
{
    internal static RolloutFigures Figures(int nodes = 100) => new()
    {
        OldImageId = "m-old",
        NewImageId = "m-old-next",
        GroupNodes = nodes,
        Pods = nodes * 10,
        ReplicaSets = nodes / 10,
        ChangedAtSeconds = 80,
        DurationSeconds = 600,
        WatchedSeconds = 600,
        NodesReplaced = nodes,
        ReplacementsLaunched = nodes,
        OldNodesCordoned = nodes,
        MaxNodesUnavailable = 0,
        MaxPodsPending = 20,
        PodsPendingSeconds = 40,
        LongestPodPendingSeconds = 3,
        EvictionsAllowed = nodes * 10,
        EvictionsRefused = 50,
        PdbViolations = 0,
        DeleteBudgetViolations = 0,
        PodsLost = 0,
        HaltEvents = 0,
        PolicyReloadsApplied = 1,
        Timeline = [new RolloutSample(0, nodes, 0, 0, 0, 0, 0), new RolloutSample(600, 0, 0, nodes, 0, 0, 0)],
    };

    [Fact]
    public void Failures_CleanRollout_None()
    {
        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(), Figures()));
    }

    [Fact]
    public void Failures_ViolationsLostPodsUnfinishedAndUnavailable_EachNamed()
    {
        var bad = Figures() with { PolicyReloadsApplied = 0, PdbViolations = 2, PodsLost = 3, DurationSeconds = null, NodesReplaced = 40, MaxNodesUnavailable = 5 };

        var failures = RolloutChecks.Failures(new RolloutSpec(), bad);

        Assert.Contains("2 PDB violations by eviction", failures);
        Assert.Contains("the provider never applied the changed policy file", failures);
        Assert.Contains(failures, f => f.StartsWith("3 pods lost", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("the rollout did not finish", StringComparison.Ordinal));
        Assert.Contains("40 of 100 old nodes replaced", failures);
        Assert.Contains(failures, f => f.StartsWith("5 nodes unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public void Failures_BrokenImage_HaltedAfterOneBatch_NoneElseNamed()
    {
        var halted = Figures() with { DurationSeconds = null, NodesReplaced = 0, OldNodesCordoned = 0, ReplacementsLaunched = 10 };
        var runaway = halted with { ReplacementsLaunched = 11, OldNodesCordoned = 1 };

        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(BrokenImage: true), halted));
        var failures = RolloutChecks.Failures(new RolloutSpec(BrokenImage: true), runaway);
        Assert.Contains(failures, f => f.StartsWith("11 replacements launched", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("1 old nodes cordoned", StringComparison.Ordinal));
    }

    [Fact]
    public void Failures_ScaleOutSlowerThanFivePercent_Named()
    {
        var scaleOut = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(40.0, 20)]);
        var plain = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(36.0, 20)]);
        var figures = Figures() with { ScaleOut = scaleOut, ScaleOutWithoutRollout = plain };

        Assert.Contains(RolloutChecks.Failures(new RolloutSpec(ScaleOut: true), figures), f => f.Contains("11.1 % above", StringComparison.Ordinal));
        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(ScaleOut: true), figures with { ScaleOutWithoutRollout = scaleOut }));
    }

    [Fact]
    public void Failures_ScaleOut_JudgedOnTheTimeAdded_WhenBothRunsLaunchedNodes()
    {
        // Slower draws (raw P90 40 s against 36 s) but the same 4 s added over the nodes' own phases: not the rollout's doing.
        var slowerDraws = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(40.0, 20)], [.. Enumerable.Repeat(4.0, 20)]);
        var plain = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(36.0, 20)], [.. Enumerable.Repeat(4.0, 20)]);
        // 2 s more added, 5.6 % of the plain P90: the rollout's doing.
        var slowedByTheRollout = slowerDraws with { AddedSeconds = [.. Enumerable.Repeat(6.0, 20)] };
        var figures = Figures() with { ScaleOutWithoutRollout = plain };

        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(ScaleOut: true), figures with { ScaleOut = slowerDraws }));
        Assert.Contains(RolloutChecks.Failures(new RolloutSpec(ScaleOut: true), figures with { ScaleOut = slowedByTheRollout }),
            f => f.StartsWith("the rollout added 5.6 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Failures_HaltOnAWorkingImage_NamedWithItsReason()
    {
        var halted = Figures() with { HaltReason = "replacement i-x was not Ready within the registration timeout (94 s) [i-x: …]" };

        Assert.Contains("the rollout halted on a working image: replacement i-x was not Ready within the registration timeout (94 s) [i-x: …]",
            RolloutChecks.Failures(new RolloutSpec(), halted));
    }

    [Fact]
    public void Failures_RolloutSlowerThanItsBatchesBy20Percent_Named()
    {
        // 10 batches of (30 s replacement P90 + 10 s drain P90): 400 s expected.
        var paced = Figures() with { ReplacementSeconds = [.. Enumerable.Repeat(30.0, 100)], DrainSeconds = [.. Enumerable.Repeat(10.0, 100)] };

        Assert.Equal(400, paced.ExpectedSeconds);
        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(), paced with { DurationSeconds = 480 }));
        Assert.Contains(RolloutChecks.Failures(new RolloutSpec(), paced with { DurationSeconds = 500 }),
            f => f.StartsWith("the rollout took 500 s, 1.25× the 400 s", StringComparison.Ordinal));
        var scaleOut = new ScaleOutFigures(20, 20, [.. Enumerable.Repeat(30.0, 20)]);
        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(ScaleOut: true), paced with { DurationSeconds = 500, ScaleOut = scaleOut }));
    }

    [Fact]
    public void Failures_AutoscalerView_TargetOutsideTheSurge_ASurplusTwiceRunning_OrADeficitStandingTooLong_Named()
    {
        // 100 nodes, a surge batch of 10: the target may read 100 to 110, and lead the list while launches are answered.
        var views = new[] { new AutoscalerGroupView(100, 100, 0, 0), new AutoscalerGroupView(110, 100, 0, 0), new AutoscalerGroupView(110, 100, 10, 1) };
        var fine = views.Select((v, i) => (v, i)).Aggregate(AutoscalerConsistency.None, (seen, r) => seen.With(r.v, r.i * 10));
        var drifting = fine.With(new AutoscalerGroupView(99, 100, 0, 0), 30).With(new AutoscalerGroupView(99, 100, 0, 0), 31)
            .With(new AutoscalerGroupView(111, 100, 0, 0), 40).With(new AutoscalerGroupView(111, 100, 0, 0), 75);

        Assert.Equal((3, 100, 110, 1, 0, 0.0, 1), (fine.Samples, fine.MinTargetSize, fine.MaxTargetSize, fine.Mismatches, fine.LastingSurpluses, fine.LongestDeficitSeconds, fine.MaxDeleting));
        Assert.Equal((5, 1, 35.0), (drifting.Mismatches, drifting.LastingSurpluses, drifting.LongestDeficitSeconds));
        Assert.Empty(RolloutChecks.Failures(new RolloutSpec(), Figures() with { Autoscaler = fine }));
        var failures = RolloutChecks.Failures(new RolloutSpec(), Figures() with { Autoscaler = drifting });
        Assert.Contains(failures, f => f.StartsWith("the autoscaler read a target size below the instances not being deleted in two reads running, 1 time(s): at 10 s target 110, 100 running + 0 creating, 0 deleting; at 30 s target 99", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("the autoscaler read a target size above the instances listed for 35 s running", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("target size of 99, below the group's 100", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("target size of 111, above the group, its surge and any scale-out (110)", StringComparison.Ordinal));
    }

    [Fact]
    public void AutoscalerView_AReadTheGroupMovedUnder_JudgesNothing_ButReadsEitherSideStillRunTogether()
    {
        var moving = new AutoscalerGroupView(120, 100, 10, 0, Settled: false);
        var apart = AutoscalerConsistency.None.With(new AutoscalerGroupView(110, 110, 0, 0)).With(moving, 5).With(moving, 10);
        var around = AutoscalerConsistency.None.With(new AutoscalerGroupView(110, 100, 0, 0), 4).With(moving, 8).With(new AutoscalerGroupView(110, 100, 0, 0), 12)
            .With(new AutoscalerGroupView(110, 110, 0, 0), 16);

        Assert.Equal((3, 0, 2, 120, 0.0), (apart.Samples, apart.Mismatches, apart.Unsettled, apart.MaxTargetSize, apart.LongestDeficitSeconds));
        Assert.Equal((2, 1, 8.0), (around.Mismatches, around.Unsettled, around.LongestDeficitSeconds));
        Assert.Equal([4.0, 12.0], around.MismatchedReads.Select(r => r.Seconds));
    }

    [Theory]
    [InlineData("rollout-100", false, false)]
    [InlineData("rollout-broken-100", true, false)]
    [InlineData("rollout-scaleout-1000", false, true)]
    public void Find_RolloutKinds_CarryTheirSpec(string name, bool broken, bool scaleOut)
    {
        var scenario = BurstScenarios.Find(name, null, out var problem);

        Assert.Null(problem);
        Assert.Equal(BurstCondition.Rollout, scenario!.Condition);
        Assert.Equal(new RolloutSpec(broken, scaleOut), scenario.Rollout);
    }
}
