using FastScale.Engine.Controllers;
using FastScale.Engine.Demand;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Tests.NodeGroups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static FastScale.Engine.Tests.Demand.DemandFixtures;

namespace FastScale.Engine.Tests.Demand;

/// <summary>Fast mode on the engine over an in-memory cloud and a fake clock; the reconciler is not run, so raised nodes stay coming.</summary>
public sealed class DemandControllerTests : IAsyncLifetime
{
    private readonly FakePendingPodSource _source = new();
    private readonly RecordingDemandEvents _events = new();
    private readonly DemandMetrics _metrics = new();
    private readonly FakeNodeReadiness _readiness = new();
    private readonly FakeNodeRoom _room = new();
    private EngineHarness _engine = null!;
    private DemandController _controller = null!;
    private ControllerDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _engine = await EngineHarness.RecoveredAsync(TestPolicies.OneGroup(maxSize: 200));
        _controller = new DemandController(_engine.Engine, _source, _events, _readiness, _room, _metrics, new DemandOptions(), _engine.Time, NullLogger<DemandController>.Instance);
        _driver = new ControllerDriver(_controller, _engine.Time, NullLogger.Instance);
        _driver.Start(CancellationToken.None);
        await CatchUpAsync();
    }

    public Task DisposeAsync()
    {
        _driver.Dispose();
        _controller.Dispose();
        _metrics.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BurstOf300PodsOver200Ms_FirstDecisionAtFirstMax_RestCoalescedIntoOneMore()
    {
        var start = _engine.Time.GetUtcNow();
        for (var i = 0; i < 300; i++)
        {
            _source.Add(Pod($"p-{i:D3}", cpuMillis: 600, since: _engine.Time.GetUtcNow()));
            if (i % 3 == 2)
            {
                await AdvanceAsync(TimeSpan.FromMilliseconds(2));
            }
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 1);
        await AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(2, _metrics.Decisions);
        Assert.Equal(100, _engine.Engine.TargetSize("g1").Value);
        var decisions = _metrics.Recent.OrderBy(d => d.At).ToList();

        // The stream never pauses for the idle window: the first window closes at FirstMax (50 ms) on the pods seen
        // by then, the second 50 ms after the last pod (t = 198 ms) with every other pod in one more decision.
        Assert.InRange(decisions[0].At - start, TimeSpan.FromMilliseconds(48), TimeSpan.FromMilliseconds(60));
        Assert.InRange(decisions[1].At - start, TimeSpan.FromMilliseconds(245), TimeSpan.FromMilliseconds(260));
        Assert.Equal(100, decisions.Sum(d => d.Delta));
    }

    [Fact]
    public async Task PendingPodsNotCurrent_NothingRaised_UntilTheViewIsBack()
    {
        _source.IsCurrent = false;
        for (var i = 0; i < 30; i++)
        {
            _source.Add(Pod($"p-{i:D3}", cpuMillis: 600, since: _engine.Time.GetUtcNow()));
        }

        // Past every window and several rechecks: the pods are what was pending when the API went away.
        await AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, _metrics.Decisions);
        Assert.Equal(0, _engine.Engine.TargetSize("g1").Value);

        _source.IsCurrent = true;
        await AdvanceUntilAsync(() => _metrics.Decisions > 0);

        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task SteadyStream_FirstDecisionWithinFirstMax_ThenWithinTheMaxWindow()
    {
        var start = _engine.Time.GetUtcNow();
        for (var i = 0; i < 100; i++)
        {
            _source.Add(Pod($"p-{i:D3}", cpuMillis: 600, since: _engine.Time.GetUtcNow()));
            await AdvanceAsync(TimeSpan.FromMilliseconds(10));
            if (_metrics.Decisions > 1)
            {
                break;
            }
        }

        var decisions = _metrics.Recent.OrderBy(d => d.At).ToList();
        Assert.Equal(2, decisions.Count);
        Assert.InRange(decisions[0].At - start, TimeSpan.FromMilliseconds(45), TimeSpan.FromMilliseconds(65));
        Assert.InRange(decisions[1].At - decisions[0].At, TimeSpan.FromMilliseconds(490), TimeSpan.FromMilliseconds(515));
    }

    [Fact]
    public async Task AfterAQuietSpell_TheNextBurstAgainGetsTheShortFirstWindow()
    {
        _source.Add(Pod("first", cpuMillis: 600, since: _engine.Time.GetUtcNow()));
        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        await AdvanceAsync(TimeSpan.FromSeconds(2));

        var start = _engine.Time.GetUtcNow();
        for (var i = 0; i < 40 && _metrics.Decisions < 2; i++)
        {
            _source.Add(Pod($"later-{i:D2}", cpuMillis: 600, since: _engine.Time.GetUtcNow()));
            await AdvanceAsync(TimeSpan.FromMilliseconds(10));
        }

        var second = _metrics.Recent.OrderBy(d => d.At).Last();
        Assert.InRange(second.At - start, TimeSpan.FromMilliseconds(45), TimeSpan.FromMilliseconds(65));
    }

    [Fact]
    public async Task ComingCapacity_PreventsASecondRaise()
    {
        var pods = Pods(30, cpuMillis: 600);
        foreach (var pod in pods)
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);

        // The scheduler re-marks the same pods unschedulable: they are covered by the 10 nodes coming.
        foreach (var pod in pods)
        {
            _source.Update(pod);
        }

        await AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Equal((1, 10), (_metrics.Decisions, _engine.Engine.TargetSize("g1").Value));

        // Three more pods need exactly one more node.
        foreach (var pod in Pods(3, prefix: "late", cpuMillis: 600))
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 1);
        Assert.Equal(11, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task RunningInstancesWhoseNodesCannotTakePodsYet_StillCountAsComing()
    {
        await ThirtyPodsOnTenRunningNodesAsync();
        Assert.All(_engine.Instances(), i => Assert.Equal(InstanceState.Running, i.State));

        // The cloud says Running, the nodes are still booting, and one more pod arrives: it needs one node, not eleven.
        _source.Add(Pods(1, prefix: "late", cpuMillis: 600)[0]);
        await AdvanceUntilAsync(() => _metrics.Decisions > 1);
        Assert.Equal(11, _engine.Engine.TargetSize("g1").Value);

        // Once the nodes can take pods they are capacity no longer coming, and pods still pending then are new demand.
        _readiness.AllReady = true;
        _source.Add(Pods(1, prefix: "later", cpuMillis: 600)[0]);
        await AdvanceUntilAsync(() => _metrics.Decisions > 2);
        Assert.True(_engine.Engine.TargetSize("g1").Value > 12);
    }

    /// <summary>
    /// Issue 14, as a real API server and scheduler showed it: the nodes are Ready and empty, the scheduler has not bound
    /// their pods yet, so those pods are still Unschedulable when the next pod arrives. Planned without the Ready nodes'
    /// free room, the 30 waiting pods were asked for again (target 21: ten nodes nobody needed); with it, only the newcomer
    /// needs a node.
    /// </summary>
    [Fact]
    public async Task ReadyNodesTheSchedulerHasNotFilledYet_TakeTheirPendingPods_NothingAskedTwice()
    {
        await ThirtyPodsOnTenRunningNodesAsync();
        _readiness.AllReady = true;
        _room.Free = new PodRequests(CpuMillis: 64_000, MemoryBytes: 256L << 30, EphemeralStorageBytes: 1L << 40, Pods: 110);

        _source.Add(Pods(1, prefix: "late", cpuMillis: 600)[0]);
        await AdvanceUntilAsync(() => _metrics.Decisions > 1);

        Assert.Equal(11, _engine.Engine.TargetSize("g1").Value);
        var last = _metrics.Recent.OrderBy(d => d.At).Last();
        Assert.Equal(1, last.Delta);
    }

    [Fact]
    public async Task PodsTheBoundViewHoldsButThePendingViewStillLists_AreNotAskedForTwice()
    {
        // Nodes filled by the scheduler: the bound-pod watch has the 30 pods on them (no room left) before the pending-pod
        // watch has seen them bound. A late pod's decision must not plan the 30 onto new nodes (CI saw 101 of 100).
        await ThirtyPodsOnTenRunningNodesAsync();
        _readiness.AllReady = true;
        _room.Free = new PodRequests(CpuMillis: 100, MemoryBytes: 1L << 30, Pods: 100);
        foreach (var pod in _source.Snapshot())
        {
            _room.Bound.Add(pod.Uid);
        }

        _source.Add(Pods(1, prefix: "late", cpuMillis: 600)[0]);
        await AdvanceUntilAsync(() => _metrics.Decisions > 1);

        Assert.Equal(11, _engine.Engine.TargetSize("g1").Value);
    }

    /// <summary>
    /// Seen in the memory load test: a provider (re)started next to Ready nodes whose pods the scheduler has yet to bind
    /// listed the pending pods before the bound ones; with no node's room known, the first decision asked for new nodes
    /// for pods that fit the existing ones (264 extra instances at 5,000 nodes). The decision waits for the room.
    /// </summary>
    [Fact]
    public async Task NodeRoomNotKnownYet_NothingDecided_UntilItIs_ThenOnlyWhatTheNodesCannotTake()
    {
        await ThirtyPodsOnTenRunningNodesAsync();
        var decided = _metrics.Decisions;
        _readiness.AllReady = true;
        _room.Free = new PodRequests(CpuMillis: 64_000, MemoryBytes: 256L << 30, EphemeralStorageBytes: 1L << 40, Pods: 110);
        _room.IsCurrent = false;

        _source.Add(Pods(1, prefix: "late", cpuMillis: 600)[0]);
        await AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(decided, _metrics.Decisions);
        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);

        _room.IsCurrent = true;
        await AdvanceUntilAsync(() => _metrics.Decisions > decided);

        Assert.Equal(11, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task ReadyNodesAlreadyFull_LeaveTheirPendingPodsToNewNodes()
    {
        await ThirtyPodsOnTenRunningNodesAsync();
        _readiness.AllReady = true;
        _room.Free = new PodRequests(CpuMillis: 100, MemoryBytes: 1L << 30, Pods: 100); // other pods took the cpu

        _source.Add(Pods(1, prefix: "late", cpuMillis: 600)[0]);
        await AdvanceUntilAsync(() => _metrics.Decisions > 1);

        Assert.Equal(21, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task NodesJustTurnedReady_WhoseRoomIsTaken_AreNotCountedAsComing()
    {
        // Within the readiness settle time a node cannot "take pods" yet, but the scheduler may already have filled it:
        // counted as a coming empty node it would hide as many pending pods (a 1,000-node trickle stalled on this).
        await ThirtyPodsOnTenRunningNodesAsync();
        _readiness.AllReady = false;
        _room.Free = new PodRequests(CpuMillis: 100, MemoryBytes: 1L << 30, Pods: 100);

        _source.Add(Pods(1, prefix: "late", cpuMillis: 600)[0]);
        await AdvanceUntilAsync(() => _metrics.Decisions > 1);

        Assert.Equal(21, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task RoomTakenWithoutAnyPodChange_IsRaisedAfterTwoRechecks()
    {
        await ThirtyPodsOnTenRunningNodesAsync();
        _readiness.AllReady = true;
        _room.Free = new PodRequests(CpuMillis: 64_000, MemoryBytes: 256L << 30, EphemeralStorageBytes: 1L << 40, Pods: 110);
        await AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);

        // Pods that were never unschedulable took the Ready nodes: the 30 pending pods lost their room, no pod changed.
        _room.Free = new PodRequests(CpuMillis: 100, MemoryBytes: 1L << 30, Pods: 100);
        await AdvanceAsync(new DemandOptions().RecheckInterval + TimeSpan.FromMilliseconds(500));
        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);
        await AdvanceAsync(new DemandOptions().RecheckInterval);

        Assert.Equal(20, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task AShortfallOnlyOneRecheckSees_BuysNothing()
    {
        await ThirtyPodsOnTenRunningNodesAsync();
        _readiness.AllReady = true;
        var roomy = new PodRequests(CpuMillis: 64_000, MemoryBytes: 256L << 30, EphemeralStorageBytes: 1L << 40, Pods: 110);
        _room.Free = roomy;
        await AdvanceAsync(TimeSpan.FromSeconds(3));

        // The bound-pod watch ran ahead of the pending-pod watch for a moment: the room looked taken by pods that are
        // the pending ones themselves.
        _room.Free = new PodRequests(CpuMillis: 100, MemoryBytes: 1L << 30, Pods: 100);
        await AdvanceAsync(new DemandOptions().RecheckInterval + TimeSpan.FromMilliseconds(500));
        _room.Free = roomy;
        await AdvanceAsync(new DemandOptions().RecheckInterval * 3);

        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task NeverRaisesAboveMax_AndReportsTheRest()
    {
        foreach (var pod in Pods(700, cpuMillis: 600))
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        await AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(200, _engine.Engine.TargetSize("g1").Value);
        // At max is said only once it lasts (DemandOptions.AtMaxReportDelay), with no pod change needed to say it.
        Assert.Empty(_events.Unplaceable);
        await AdvanceAsync(new DemandOptions().AtMaxReportDelay);
        Assert.Equal(100, _events.Unplaceable.Count);
        Assert.All(_events.Unplaceable, u => Assert.Equal(UnplacedReason.GroupAtMax, u.Kind));
    }

    [Fact]
    public async Task PodsAtMaxOnlyUntilTheSchedulerBindsThem_AreNotReported()
    {
        // 600 pods fill the group to its max of 200 nodes exactly.
        var pods = Pods(600, cpuMillis: 600);
        foreach (var pod in pods)
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        Assert.Equal(200, _engine.Engine.TargetSize("g1").Value);
        for (var second = 0; second < 60 && _engine.Instances().Count(i => i.State == InstanceState.Running) < 200; second++)
        {
            await AdvanceAsync(TimeSpan.FromSeconds(1));
            await _engine.ReconcileAsync();
        }

        Assert.Equal(200, _engine.Instances().Count(i => i.State == InstanceState.Running));

        // The nodes turn Ready a moment before the scheduler binds the pods: in that moment a plan sees them beyond max.
        _readiness.AllReady = true;
        _source.Update(pods[0]);
        await AdvanceAsync(TimeSpan.FromSeconds(2));
        foreach (var pod in pods)
        {
            _source.Remove(pod);
        }

        await AdvanceAsync(new DemandOptions().AtMaxReportDelay * 2);

        Assert.Empty(_events.Unplaceable);
        Assert.Equal(0, _metrics.UnplaceablePods);
        Assert.Equal(200, _engine.Engine.TargetSize("g1").Value);
    }

    [Fact]
    public async Task UnfitPod_IsReportedOnce_NotOnEveryReplan()
    {
        var ssd = Pod("wants-ssd", nodeSelector: new Dictionary<string, string> { ["disktype"] = "ssd" });
        _source.Add(ssd);
        await AdvanceUntilAsync(() => !_events.Unplaceable.IsEmpty);

        for (var round = 0; round < 5; round++)
        {
            _source.Update(ssd);
            _source.Add(Pod($"other-{round}"));
            await AdvanceAsync(TimeSpan.FromSeconds(2));
        }

        var reported = Assert.Single(_events.Unplaceable);
        Assert.Equal("no group matches nodeSelector disktype=ssd", reported.Reason);
        Assert.Equal(1, _metrics.UnplaceablePods);

        // The same workload, a new pod (new uid): a new report.
        _source.Remove(ssd);
        _source.Add(Pod("wants-ssd", nodeSelector: new Dictionary<string, string> { ["disktype"] = "ssd" }, uid: "uid-2"));
        await AdvanceUntilAsync(() => _events.Unplaceable.Count > 1);
    }

    [Fact]
    public async Task PodsLeaving_DoNotTriggerADecision()
    {
        var pods = Pods(6, cpuMillis: 600);
        foreach (var pod in pods)
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        _engine.Engine.DecreaseTargetSize("g1", -2); // the autoscaler gives the nodes up; the pods are still pending
        foreach (var pod in pods)
        {
            _source.Remove(pod);
        }

        await AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(1, _metrics.Decisions);
    }

    [Fact]
    public async Task TargetLoweredWhilePodsWait_IsNoticedByTheGroupCheck()
    {
        foreach (var pod in Pods(6, cpuMillis: 600))
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        Assert.Null(_engine.Engine.DecreaseTargetSize("g1", -1));

        await AdvanceUntilAsync(() => _metrics.Decisions > 1);
        Assert.Equal(2, _engine.Engine.TargetSize("g1").Value);
    }

    /// <summary>Advances the fake clock in small steps, letting the controller catch up between steps.</summary>
    /// <summary>30 pending pods of 600m, three to a node: fast mode raises the group to 10, and the 10 instances run.</summary>
    private async Task ThirtyPodsOnTenRunningNodesAsync()
    {
        foreach (var pod in Pods(30, cpuMillis: 600))
        {
            _source.Add(pod);
        }

        await AdvanceUntilAsync(() => _metrics.Decisions > 0);
        Assert.Equal(10, _engine.Engine.TargetSize("g1").Value);
        await _engine.ReconcileAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        await _engine.ReconcileAsync();
    }

    private async Task AdvanceAsync(TimeSpan span)
    {
        var step = TimeSpan.FromMilliseconds(1);
        for (var passed = TimeSpan.Zero; passed < span; passed += step)
        {
            await CatchUpAsync();
            _engine.Time.Advance(step);
        }

        await CatchUpAsync();
    }

    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 2000 && !done(); i++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(5));
        }

        Assert.True(done(), "the controller did not get there within 10 s of fake time");
    }

    /// <summary>
    /// Runs the passes due now: the fake clock fires the driver's timer on this thread, so when this returns the
    /// controller has seen every change made so far.
    /// </summary>
    private Task CatchUpAsync()
    {
        _engine.Time.Advance(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private sealed class FakeNodeRoom : INodeRoom
    {
        /// <summary>What every Ready node has free; null: unknown, as without a view of the cluster's pods.</summary>
        public PodRequests? Free { get; set; }

        /// <summary>False: the bound pods are not listed yet, so no node's room is known (as the Kubernetes room answers).</summary>
        public bool IsCurrent { get; set; } = true;

        /// <summary>Pods this view has bound, by uid, whatever the pending source still says.</summary>
        public HashSet<string> Bound { get; } = new(StringComparer.Ordinal);

        public PodRequests? FreeRoom(string providerId) => IsCurrent ? Free : null;

        public bool HoldsPod(PendingPod pod) => Bound.Contains(pod.Uid);
    }

    private sealed class FakeNodeReadiness : INodeReadiness
    {
        public bool AllReady { get; set; }

        public bool CanTakePods(string providerId) => AllReady;
    }
}
