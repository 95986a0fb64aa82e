using FastScale.Engine.Controllers;
using FastScale.Engine.NodeGroups;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Demand;

/// <summary>
/// Fast mode: watches pending pods, lets a burst settle (idle window, capped by a max window), plans, and raises the
/// groups' targets at once instead of waiting for the autoscaler's next loop. The autoscaler then sees the raised
/// nodes as upcoming and does not ask for them again. Only ever raises: scale-down stays the autoscaler's.
/// </summary>
/// <remarks>
/// Each decision plans over every pending pod with the nodes already coming as capacity, so pods already provided for
/// ask nothing. Pods no group can host are reported once per pod (and reason), and are looked at again only when pods
/// or the groups change, never in a loop of their own.
/// </remarks>
public sealed class DemandController(
    NodeGroupEngine engine,
    IPendingPodSource source,
    IDemandEvents events,
    INodeReadiness readiness,
    INodeRoom room,
    DemandMetrics metrics,
    DemandOptions options,
    TimeProvider time,
    ILogger<DemandController> logger) : IController, IDisposable
{
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _atMaxSince = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private IDisposable? _subscription;
    private int _unseen;
    private bool _grewUnseen;
    private string _groupsSeen = "";
    private bool _demandMayHaveGrown;
    private bool _offLogged;
    private DateTimeOffset _lastWindowEnd = DateTimeOffset.MinValue;
    private DateTimeOffset? _windowStart;
    private TimeSpan _windowMax;
    private DateTimeOffset _lastChange;
    private DateTimeOffset _lastPlan = DateTimeOffset.MinValue;

    /// <summary>Per group, the new nodes the last recheck found missing; raised only if the next recheck agrees.</summary>
    private Dictionary<string, int> _shortfall = new(StringComparer.Ordinal);
    private bool _heldWhileBlind;

    public string Name => "demand";

    /// <summary>Raised by every pending-pod change.</summary>
    public ControllerWakeup Wakeup { get; } = new();

    ControllerWakeup? IController.Wakeup => Wakeup;

    /// <summary>Decisions take no cloud work of their own: raising a target only wakes the reconciler.</summary>
    public bool IsIdle => true;

    /// <summary>
    /// One pass of the window: changes seen since the last pass open a window (or extend it, up to its max); a window
    /// whose idle time or max has passed closes with a decision. With no window open, a pass is a routine check that
    /// the groups have not changed under the pending pods (recovery, a target lowered, a creation failed).
    /// </summary>
    public TimeSpan RunOnce(CancellationToken cancellationToken)
    {
        if (!engine.Registry.Policy.Provider.FastMode)
        {
            if (!_offLogged)
            {
                _offLogged = true;
                Log.FastModeOff(logger);
            }

            return Timeout.InfiniteTimeSpan;
        }

        _subscription ??= source.Subscribe(OnChange);
        var now = time.GetUtcNow();
        int unseen;
        lock (_changes)
        {
            (unseen, _unseen) = (_unseen, 0);
            _demandMayHaveGrown |= _grewUnseen;
            _grewUnseen = false;
        }

        if (unseen > 0)
        {
            if (_windowStart is null)
            {
                // A burst's first window closes early: the first cloud call waits for nothing but the first pods.
                var firstOfBurst = now - _lastWindowEnd >= options.Max;
                _windowStart = now;
                _windowMax = firstOfBurst && options.FirstMax < options.Max ? options.FirstMax : options.Max;
            }

            _lastChange = now;
        }

        if (_windowStart is { } start)
        {
            var closeAt = Min(start + _windowMax, _lastChange + options.Idle);
            if (now < closeAt)
            {
                return closeAt - now;
            }

            _windowStart = null;
            _lastWindowEnd = now;
            if (_demandMayHaveGrown)
            {
                Decide();
            }
        }
        else if (GroupsFingerprint() != _groupsSeen || AtMaxReportDue() || (_heldWhileBlind && ViewIsCurrent))
        {
            Decide();
        }
        else if (now - _lastPlan >= options.RecheckInterval)
        {
            Recheck();
        }

        return options.GroupCheckInterval < options.RecheckInterval ? options.GroupCheckInterval : options.RecheckInterval;
    }

    public void Dispose() => _subscription?.Dispose();

    /// <summary>
    /// A decision plans over the source's snapshot, so only a change's kind matters. A pod that leaves (bound, deleted)
    /// never needs a node, and re-planning then would see pods about to be bound onto nodes that just became Ready as
    /// uncovered: only Added and Updated call for a decision.
    /// </summary>
    private void OnChange(PendingPodChange change)
    {
        lock (_changes)
        {
            _unseen++;
            _grewUnseen |= change.Kind != PendingPodChangeKind.Removed;
        }

        Wakeup.Raise();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// True (and the decision held, to be taken once the view is back) while the pending pods are not current: pods that
    /// look pending in a view the API server stopped updating may have been bound or deleted since.
    /// </summary>
    private bool IsBlind()
    {
        if (ViewIsCurrent)
        {
            if (_heldWhileBlind)
            {
                _heldWhileBlind = false;
                Log.FastModeSeesAgain(logger);
            }

            return false;
        }

        if (!_heldWhileBlind)
        {
            _heldWhileBlind = true;
            _demandMayHaveGrown = true;
            Log.FastModeBlind(logger);
        }

        return true;
    }

    /// <summary>The pending pods and the nodes' free room both follow the cluster: what a decision may rest on.</summary>
    private bool ViewIsCurrent => source.IsCurrent && room.IsCurrent;

    /// <summary>Plans over the pods pending now and raises every group that needs more nodes.</summary>
    private void Decide()
    {
        if (!engine.Registry.IsRecovered || IsBlind())
        {
            return;
        }

        var pods = PendingNow();
        var groups = engine.Groups.Select(g => ComingCapacity.Of(g, readiness, room)).ToList();
        var plan = DemandPlanner.Plan(pods, groups);
        foreach (var increase in plan.Increases)
        {
            if (increase.NewNodes > 0)
            {
                Raise(increase, plan);
            }
        }

        if (plan.Increases.Count > 0 && plan.Increases.All(i => i.NewNodes == 0))
        {
            Log.Covered(logger, pods.Count);
        }

        Report(plan);
        _groupsSeen = GroupsFingerprint();
        _demandMayHaveGrown = false;
        _lastPlan = time.GetUtcNow();
        _shortfall.Clear();
    }

    /// <summary>
    /// With no pod change, plans again over the pods still pending: raises a group only by what two rechecks in a row
    /// found missing (the smaller of the two), so a moment when the two pod watches disagree never buys a node.
    /// </summary>
    private void Recheck()
    {
        if (IsBlind())
        {
            return;
        }

        _lastPlan = time.GetUtcNow();
        var pods = PendingNow();
        if (pods.Count == 0 || !engine.Registry.IsRecovered)
        {
            _shortfall.Clear();
            return;
        }

        var plan = DemandPlanner.Plan(pods, [.. engine.Groups.Select(g => ComingCapacity.Of(g, readiness, room))]);
        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var increase in plan.Increases.Where(i => i.NewNodes > 0))
        {
            missing[increase.GroupId] = increase.NewNodes;
            if (_shortfall.TryGetValue(increase.GroupId, out var before))
            {
                Raise(increase with { NewNodes = Math.Min(before, increase.NewNodes) }, plan);
                missing.Remove(increase.GroupId);
            }
        }

        _shortfall = missing;
    }

    /// <summary>The pending pods, less those the room's view already has bound (see <see cref="INodeRoom.HoldsPod"/>).</summary>
    private List<PendingPod> PendingNow() => [.. source.Snapshot().Where(p => !room.HoldsPod(p))];

    private void Raise(GroupIncrease increase, DemandPlan plan)
    {
        var error = engine.IncreaseSize(increase.GroupId, increase.NewNodes);
        var now = time.GetUtcNow();
        if (error is not null)
        {
            Log.IncreaseRefused(logger, increase.GroupId, increase.NewNodes, error);
            return;
        }

        var oldest = plan.Nodes
            .Where(n => n.GroupId == increase.GroupId && n.New)
            .SelectMany(n => n.Pods)
            .Min(p => p.UnschedulableSince);
        var decision = new DemandDecision(increase.GroupId, increase.NewNodes, increase.TargetSize + increase.NewNodes, increase, now - oldest, now);
        metrics.RecordDecision(decision);
        Log.Increased(logger, increase.Describe(), decision.TargetAfter, decision.SinceOldestPod.TotalMilliseconds);
        events.GroupIncreased(decision);
    }

    private void Report(DemandPlan plan)
    {
        var now = time.GetUtcNow();
        foreach (var unplaced in plan.Unplaced)
        {
            if (_reported.TryGetValue(unplaced.Pod.Uid, out var said) && said == unplaced.Reason)
            {
                continue;
            }

            if (unplaced.Kind == UnplacedReason.GroupAtMax && options.AtMaxReportDelay > TimeSpan.Zero)
            {
                // By kind, not by words: the reason's figures (target, coming) change from plan to plan.
                if (!_atMaxSince.TryGetValue(unplaced.Pod.Uid, out var since))
                {
                    _atMaxSince[unplaced.Pod.Uid] = now;
                    continue;
                }

                if (now - since < options.AtMaxReportDelay)
                {
                    continue;
                }

                _atMaxSince.Remove(unplaced.Pod.Uid);
            }

            _reported[unplaced.Pod.Uid] = unplaced.Reason;
            metrics.RecordUnplaceable(unplaced);
            Log.Unplaceable(logger, unplaced.Pod.Key, unplaced.Reason);
            events.PodUnplaceable(unplaced);
        }

        if (_reported.Count > 0 || _atMaxSince.Count > 0)
        {
            // Forget pods that are no longer pending (or now fit), so the maps do not grow without bound.
            var stillUnplaced = plan.Unplaced.Select(u => u.Pod.Uid).ToHashSet(StringComparer.Ordinal);
            foreach (var uid in _reported.Keys.Where(uid => !stillUnplaced.Contains(uid)).ToList())
            {
                _reported.Remove(uid);
            }

            foreach (var uid in _atMaxSince.Keys.Where(uid => !stillUnplaced.Contains(uid)).ToList())
            {
                _atMaxSince.Remove(uid);
            }
        }
    }

    // Pods waiting out AtMaxReportDelay need a plan after it even when nothing else changes.
    private bool AtMaxReportDue()
    {
        if (_atMaxSince.Count == 0)
        {
            return false;
        }

        var oldest = _atMaxSince.Values.Min();
        return time.GetUtcNow() - oldest >= options.AtMaxReportDelay;
    }

    /// <summary>
    /// What in the groups can leave pending pods without capacity: recovery, a target lowered, a creation failed. A node
    /// arriving is not in it, for the same reason as a pod leaving.
    /// </summary>
    private string GroupsFingerprint() =>
        (engine.Registry.IsRecovered ? "r" : "-")
        + string.Concat(engine.Groups.Select(g => $"|{g.TargetSize}/{g.Instances.Count(i => i.IsFailedCreation)}"));
}
