using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;
using FastScale.Kubernetes.Adapters.Rollout;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.Adapters.Rollout;

/// <summary>Drains against the cluster simulator through our client, with its budgets, scheduler, kubelets and ReplicaSet controller.</summary>
public sealed class KubernetesNodeDrainerTests : IAsyncLifetime
{
    private DrainWorld _world = null!;

    public async Task InitializeAsync() => _world = await DrainWorld.StartAsync();

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    private static DrainRequest Request(string node, TimeSpan timeout, DrainTimeoutAction onTimeout = DrainTimeoutAction.Wait) =>
        new("g1", "i-" + node, timeout, onTimeout);

    /// <summary>One Ready pod under a budget that allows no disruption: it can leave only by force.</summary>
    private async Task PinnedPodAsync(string node)
    {
        await _world.AddNodeAsync(node);
        _world.AddRunningPod("pinned", node, labels: new Dictionary<string, string> { ["app"] = "pinned" });
        _world.AddBudget("pinned", minAvailable: 1);
    }

    [Fact]
    public async Task Drain_UnderABudget_RetriesRefusalsUntilReplacementsAreReadyElsewhere_AndEndsDrained()
    {
        await _world.AddNodeAsync("old");
        _world.AddReplicaSet("web", 3);
        _world.AddBudget("web", minAvailable: 2);
        await _world.AdvanceUntilAsync("three web pods Ready on old", () => _world.ReadyPodsOn("old", "web") == 3);
        _world.AddRunningPod("agent", "old", DrainWorld.Owner("DaemonSet", "agent"));
        _world.AddRunningPod("kube-proxy-old", "old", annotations: new Dictionary<string, string> { [DrainablePods.MirrorAnnotation] = "hash" });
        _world.AddRunningPod("job-done", "old", DrainWorld.Owner("Job", "job"), phase: "Succeeded");
        await _world.AddNodeAsync("new");

        var outcome = await _world.AdvanceUntilDoneAsync(_world.Drainer().DrainAsync(Request("old", TimeSpan.FromMinutes(10)), default));

        Assert.Equal(DrainResult.Drained, outcome.Result);
        Assert.Equal(3, outcome.Evicted);
        Assert.Equal(0, outcome.ForceDeleted);
        // Two budget's worth of pods wait their turn: each is refused at least once before its replacement is Ready.
        Assert.True(outcome.Refused >= 2, $"refusals: {outcome.Refused}");
        Assert.Equal(outcome.Refused, _world.Server.Counters.EvictionsRefused);
        Assert.Equal(0, _world.Server.Counters.EvictionBudgetViolations);
        Assert.Equal(["agent", "job-done", "kube-proxy-old"], _world.PodsOn("old"));
        await _world.AdvanceUntilAsync("three web pods Ready on new", () => _world.ReadyPodsOn("new", "web") == 3);
        Assert.Equal((3L, (long)outcome.Refused), (_world.Metrics.Count("g1", RolloutEvictionMetrics.Evicted), _world.Metrics.Count("g1", RolloutEvictionMetrics.Refused)));

        var node = await _world.NodeAsync("old");
        Assert.True(node.Spec!.Unschedulable);
        Assert.Equal("true", node.Metadata!.Annotations![NodeDrainMarks.ScaleDownDisabled]);
        Assert.Equal("g1", node.Metadata.Annotations[NodeDrainMarks.Marker]);
    }

    [Fact]
    public async Task Drain_BudgetNeverAllows_WaitOnTimeout_TimesOutLeavingTheNodeCordonedAndMarked()
    {
        await PinnedPodAsync("n1");

        var outcome = await _world.AdvanceUntilDoneAsync(
            _world.Drainer().DrainAsync(Request("n1", TimeSpan.FromMinutes(2)), default), TimeSpan.FromSeconds(1));

        Assert.Equal(DrainResult.TimedOut, outcome.Result);
        Assert.Equal((0, 0), (outcome.Evicted, outcome.ForceDeleted));
        // Retry-After is 10 s in the simulator: about a dozen refusals in two minutes, not one per poll.
        Assert.InRange(outcome.Refused, 5, 14);
        Assert.Equal(["pinned"], _world.PodsOn("n1"));
        var node = await _world.NodeAsync("n1");
        Assert.True(node.Spec!.Unschedulable);
        Assert.Equal("true", node.Metadata!.Annotations![NodeDrainMarks.ScaleDownDisabled]);
    }

    [Fact]
    public async Task Drain_BudgetNeverAllows_ForceOnTimeout_DeletesWhatIsLeftAndEndsForced()
    {
        await PinnedPodAsync("n2");
        _world.AddRunningPod("agent", "n2", DrainWorld.Owner("DaemonSet", "agent"));

        var outcome = await _world.AdvanceUntilDoneAsync(
            _world.Drainer().DrainAsync(Request("n2", TimeSpan.FromMinutes(1), DrainTimeoutAction.Force), default), TimeSpan.FromSeconds(1));

        Assert.Equal(DrainResult.Forced, outcome.Result);
        Assert.Equal(1, outcome.ForceDeleted);
        Assert.Equal(0, outcome.Evicted);
        Assert.True(outcome.Refused > 0);
        Assert.Equal(["agent"], _world.PodsOn("n2"));
        Assert.Equal(1, _world.Metrics.Count("g1", RolloutEvictionMetrics.Forced));
    }

    [Fact]
    public async Task Drain_NoNodeNamesTheInstance_IsNodeGone_AndTouchesNothing()
    {
        await _world.AddNodeAsync("other");

        var outcome = await _world.Drainer().DrainAsync(Request("missing", TimeSpan.FromMinutes(1)), default);

        Assert.Equal(new DrainOutcome(DrainResult.NodeGone), outcome);
        Assert.NotEqual(true, (await _world.NodeAsync("other")).Spec!.Unschedulable);
    }

    [Fact]
    public async Task Drain_CalledAgain_FindsNothingLeft_AndKeepsTheRecordOfWhatTheFirstSet()
    {
        await _world.AddNodeAsync("n3");
        _world.AddRunningPod("solo", "n3");
        var drainer = _world.Drainer();
        var first = await _world.AdvanceUntilDoneAsync(drainer.DrainAsync(Request("n3", TimeSpan.FromMinutes(1)), default));
        var undo = (await _world.NodeAsync("n3")).Metadata!.Annotations![NodeDrainMarks.Undo];

        // A fresh drainer, as after a restart: the node is cordoned now, yet the drain remembers that it cordoned it.
        var second = await _world.AdvanceUntilDoneAsync(_world.Drainer().DrainAsync(Request("n3", TimeSpan.FromMinutes(1)), default));

        Assert.Equal(new DrainOutcome(DrainResult.Drained, Evicted: 1), first);
        Assert.Equal(new DrainOutcome(DrainResult.Drained), second);
        Assert.Equal("cordon,scale-down-disabled", undo);
        Assert.Equal(undo, (await _world.NodeAsync("n3")).Metadata!.Annotations![NodeDrainMarks.Undo]);
        Assert.Equal(1, _world.Server.Counters.EvictionsAllowed);
    }

    [Fact]
    public async Task Release_UndoesOnlyWhatTheDrainSet()
    {
        await _world.AddNodeAsync("open");
        await _world.AddNodeAsync("held", unschedulable: true, annotations: new Dictionary<string, string> { [NodeDrainMarks.ScaleDownDisabled] = "true" });
        await _world.AddNodeAsync("untouched", unschedulable: true, annotations: new Dictionary<string, string> { [NodeDrainMarks.ScaleDownDisabled] = "true" });
        var drainer = _world.Drainer();
        await _world.AdvanceUntilDoneAsync(drainer.DrainAsync(Request("open", TimeSpan.FromMinutes(1)), default));
        await _world.AdvanceUntilDoneAsync(drainer.DrainAsync(Request("held", TimeSpan.FromMinutes(1)), default));

        await drainer.ReleaseAsync("i-open", default);
        await drainer.ReleaseAsync("i-held", default);
        await drainer.ReleaseAsync("i-untouched", default);

        var open = await _world.NodeAsync("open");
        Assert.False(open.Spec!.Unschedulable);
        Assert.Empty(open.Metadata!.Annotations ?? new Dictionary<string, string>());
        // A person had cordoned and marked it before the drain: both stay, only the drain's own record goes.
        var held = await _world.NodeAsync("held");
        Assert.True(held.Spec!.Unschedulable);
        Assert.Equal(new Dictionary<string, string> { [NodeDrainMarks.ScaleDownDisabled] = "true" }, held.Metadata!.Annotations);
        var untouched = await _world.NodeAsync("untouched");
        Assert.True(untouched.Spec!.Unschedulable);
        Assert.Equal("true", untouched.Metadata!.Annotations![NodeDrainMarks.ScaleDownDisabled]);
    }
}
