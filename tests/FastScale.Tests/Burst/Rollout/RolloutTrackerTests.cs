using FastScale.Burst.Rollout;

namespace FastScale.Tests.Burst.Rollout;

/// <summary>The tracker on synthetic observations: a two-node group rolled one node at a time, surge first.</summary>
public sealed class RolloutTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RolloutObservation At(double seconds, (string Id, string Image, bool Ready, bool Cordoned)[] nodes, (string Name, bool Bound, bool Ready)[] pods, params (string Id, string Image)[] extraInstances) =>
        new(T0.AddSeconds(seconds),
            nodes.Select(n => (n.Id, n.Image)).Concat(extraInstances).ToDictionary(i => i.Item1, i => i.Item2, StringComparer.Ordinal),
            [.. nodes.Select(n => new RolloutNodeView(n.Id, n.Image, n.Ready, n.Cordoned))],
            [.. pods.Select(p => new RolloutPodView(p.Name, p.Bound, p.Ready))]);

    [Fact]
    public void Observe_SurgeDrainDelete_CountsReplacedCordonedPendingAndFinishesWhenNoOldNodeAndAllPodsReady()
    {
        var tracker = new RolloutTracker("old", "new", groupNodes: 2, expectedPods: 2, T0);
        (string, bool, bool)[] ready = [("p1", true, true), ("p2", true, true)];

        tracker.Observe(At(0, [("a", "old", true, false), ("b", "old", true, false)], ready));
        tracker.Observe(At(1, [("a", "old", true, false), ("b", "old", true, false)], ready, ("c", "new")));
        tracker.Observe(At(2, [("a", "old", true, true), ("b", "old", true, false), ("c", "new", true, false)], [("p1", false, false), ("p2", true, true)]));
        tracker.Observe(At(4, [("b", "old", true, false), ("c", "new", true, false)], [("p1b", true, false), ("p2", true, true)]));
        Assert.Null(tracker.FinishedAt);
        tracker.Observe(At(5, [("b", "old", true, true), ("c", "new", true, false), ("d", "new", true, false)], ready));
        tracker.Observe(At(6, [("c", "new", true, false), ("d", "new", true, false)], ready));
        // b's Node outlives its instance for a sample: timed once all the same, as c and d are.
        tracker.Observe(At(7, [("b", "old", true, true), ("c", "new", true, false), ("d", "new", true, false)], ready) with
        {
            InstanceImages = new Dictionary<string, string>(StringComparer.Ordinal) { ["c"] = "new", ["d"] = "new" },
        });
        tracker.Observe(At(8, [("c", "new", true, false), ("d", "new", true, false)], ready));

        Assert.Equal(T0.AddSeconds(8), tracker.FinishedAt);
        Assert.Equal(2, tracker.NodesReplaced);
        Assert.Equal(2, tracker.ReplacementsLaunched);
        Assert.Equal(2, tracker.OldNodesCordoned);
        Assert.Equal(0, tracker.MaxNodesUnavailable);
        Assert.Equal(1, tracker.MaxPodsPending);
        Assert.Equal(TimeSpan.FromSeconds(3), tracker.PodsPending); // pending at 2 s: the intervals 1–2 and 2–4
        Assert.Equal(TimeSpan.FromSeconds(2), tracker.LongestPodPending);
        Assert.Equal(8, tracker.Timeline.Count);
        Assert.Equal(new RolloutSample(2, Old: 1, Draining: 1, New: 1, Unavailable: 0, PodsPending: 1, PodsNotReady: 1), tracker.Timeline[2]);
        // c: seen at 1, Ready at 2; d: seen Ready at once. a: cordoned at 2, gone at 4; b: cordoned at 5, gone at 6.
        Assert.Equal([1.0, 0.0], tracker.ReplacementSeconds);
        Assert.Equal([2.0, 1.0], tracker.DrainSeconds);
    }

    [Fact]
    public void Observe_NodeCordonedWithoutSurge_CountsItUnavailable_AndAMissingPodAsNotReady()
    {
        var tracker = new RolloutTracker("old", "new", groupNodes: 2, expectedPods: 2, T0);

        tracker.Observe(At(0, [("a", "old", true, true), ("b", "old", false, false)], [("p1", true, true)]));

        Assert.Equal(2, tracker.MaxNodesUnavailable);
        Assert.Equal(1, tracker.Timeline[0].PodsNotReady);
        Assert.Null(tracker.FinishedAt);
    }

    [Fact]
    public void Observe_BrokenImage_LaunchesWithoutNodes_NothingCordonedNothingReplaced()
    {
        var tracker = new RolloutTracker("old", "new", groupNodes: 2, expectedPods: 1, T0);
        (string, bool, bool)[] ready = [("p1", true, true)];
        (string, string, bool, bool)[] nodes = [("a", "old", true, false), ("b", "old", true, false)];

        tracker.Observe(At(0, nodes, ready));
        tracker.Observe(At(60, nodes, ready, ("c", "new")));
        tracker.Observe(At(120, nodes, ready));

        Assert.Equal(1, tracker.ReplacementsLaunched);
        Assert.Equal(0, tracker.OldNodesCordoned);
        Assert.Equal(0, tracker.NodesReplaced);
        Assert.Null(tracker.FinishedAt);
    }

    [Fact]
    public void Observe_WithStamps_CountsANodeCordonedAndReleasedBetweenSamples_AndTimesPaceByTheStamps()
    {
        var tracker = new RolloutTracker("old", "new", groupNodes: 1, expectedPods: 1, T0);
        (string, bool, bool)[] ready = [("p1", true, true)];
        var stamps = new RolloutStamps(
            LaunchedAt: new Dictionary<string, DateTimeOffset> { ["b"] = T0.AddSeconds(1.5) },
            ReadyAt: new Dictionary<string, DateTimeOffset> { ["b"] = T0.AddSeconds(3.25) },
            CordonedAt: new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddSeconds(6) },
            NodeDeletedAt: new Dictionary<string, DateTimeOffset> { ["a"] = T0.AddSeconds(7.5) });

        tracker.Observe(At(0, [("a", "old", true, false)], ready));
        tracker.Observe(At(5, [("a", "old", true, false), ("b", "new", true, false)], ready) with { Stamps = stamps });
        tracker.Observe(At(10, [("b", "new", true, false)], ready) with { Stamps = stamps });

        Assert.Equal(1, tracker.OldNodesCordoned);
        Assert.Equal(1, tracker.NodesReplaced);
        Assert.Equal([1.75], tracker.ReplacementSeconds);
        Assert.Equal([1.5], tracker.DrainSeconds);
        Assert.Equal(T0.AddSeconds(10), tracker.FinishedAt);
    }
}
