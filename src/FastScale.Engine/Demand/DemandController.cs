using System.Threading.Channels;
using FastScale.Engine.NodeGroups;
using Microsoft.Extensions.Hosting;
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
    DemandMetrics metrics,
    DemandOptions options,
    TimeProvider time,
    ILogger<DemandController> logger) : BackgroundService
{
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _atMaxSince = new(StringComparer.Ordinal);
    private string _groupsSeen = "";
    private bool _demandMayHaveGrown;
    private DateTimeOffset _lastWindowEnd = DateTimeOffset.MinValue;
    private volatile bool _waiting;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!engine.Registry.Policy.Provider.FastMode)
        {
            Log.FastModeOff(logger);
            return;
        }

        var changes = source.Changes;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await WaitAsync(changes, options.GroupCheckInterval, stoppingToken))
                {
                    // A burst's first window closes early: the first cloud call waits for nothing but the first pods.
                    var firstOfBurst = time.GetUtcNow() - _lastWindowEnd >= options.Max;
                    await SettleAsync(changes, firstOfBurst && options.FirstMax < options.Max ? options.FirstMax : options.Max, stoppingToken);
                    _lastWindowEnd = time.GetUtcNow();
                    if (_demandMayHaveGrown)
                    {
                        DecideOnce();
                    }
                }
                else if (GroupsFingerprint() != _groupsSeen || AtMaxReportDue())
                {
                    DecideOnce();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (ChannelClosedException)
        {
            // The source is gone: nothing more to react to.
        }
    }

    /// <summary>
    /// True while the controller is blocked waiting for a change or for one of its timers, with nothing left to do
    /// until one of them happens. A driver of simulated time advances the clock only while this holds (and no change is
    /// unread), so a timer's continuation never runs late in simulated time. A timer firing clears it at once.
    /// </summary>
    public bool IsWaiting => _waiting;

    /// <summary>Plans over the pods pending now and raises every group that needs more nodes. Public for tests and the burst tool.</summary>
    public void DecideOnce()
    {
        if (!engine.Registry.IsRecovered)
        {
            return;
        }

        var pods = source.Snapshot();
        var groups = engine.Groups.Select(g => ComingCapacity.Of(g, readiness)).ToList();
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
    }

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
            .Where(n => n.GroupId == increase.GroupId && !n.Coming)
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

    /// <summary>Waits for the first change of a burst; false when <paramref name="timeout"/> passed with none.</summary>
    private async Task<bool> WaitAsync(ChannelReader<PendingPodChange> changes, TimeSpan timeout, CancellationToken stoppingToken)
    {
        if (Drain(changes) > 0)
        {
            return true;
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, stoppingToken);
        // Cleared inside the timer's own callback, before this method's continuation is even scheduled.
        using var wake = linked.Token.Register(() => _waiting = false);
        _waiting = !linked.IsCancellationRequested;
        try
        {
            var open = await changes.WaitToReadAsync(linked.Token);
            _waiting = false;
            if (!open)
            {
                throw new ChannelClosedException();
            }

            return Drain(changes) > 0;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            _waiting = false;
        }
    }

    /// <summary>Lets the burst settle: returns after <see cref="DemandOptions.Idle"/> with no change, or <paramref name="max"/> after it began.</summary>
    private async Task SettleAsync(ChannelReader<PendingPodChange> changes, TimeSpan max, CancellationToken stoppingToken)
    {
        var deadline = time.GetUtcNow() + max;
        while (true)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero || !await WaitAsync(changes, left < options.Idle ? left : options.Idle, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads every change waiting; a decision plans over the source's snapshot, so only their kind matters. A pod that
    /// leaves (bound, deleted) never needs a node, and re-planning then would see pods about to be bound onto nodes
    /// that just became Ready as uncovered: only Added and Updated call for a decision.
    /// </summary>
    private int Drain(ChannelReader<PendingPodChange> changes)
    {
        var count = 0;
        while (changes.TryRead(out var change))
        {
            count++;
            _demandMayHaveGrown |= change.Kind != PendingPodChangeKind.Removed;
        }

        return count;
    }

    /// <summary>
    /// What in the groups can leave pending pods without capacity: recovery, a target lowered, a creation failed. A node
    /// arriving is not in it, for the same reason as a pod leaving.
    /// </summary>
    private string GroupsFingerprint() =>
        (engine.Registry.IsRecovered ? "r" : "-")
        + string.Concat(engine.Groups.Select(g => $"|{g.TargetSize}/{g.Instances.Count(i => i.IsFailedCreation)}"));
}
