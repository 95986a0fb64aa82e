using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Rollout;

public sealed partial class RolloutController
{
    /// <summary>One group's pass: count old and new nodes, then halt, wait, surge or drain.</summary>
    private void Step(NodeGroup group, GroupRollout state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = group.Policy;
        var rollout = policy.Rollout;
        var hash = NodeTemplateHash.Of(policy);
        var nodes = TakeCensus(group, state, policy, hash, now, cancellationToken);
        var oldLeft = nodes.Old.Count + nodes.Draining;
        state.Counts = new RolloutCounts(oldLeft, nodes.New, nodes.Draining, nodes.SurgeNotReady.Count);
        if (_replacer.RetryReleases(group, static i => i.Rollout == RolloutStep.Retired, cancellationToken) is { } retry)
        {
            _work.Track(retry, "release");
        }

        if (state.Offset < 0)
        {
            // Drain first (no surge allowed) took slots from the target: they are refilled whatever else holds (paused,
            // halted, done), or the group would stay below the size the autoscaler asked for.
            Surge(group, state, -state.Offset, cancellationToken);
        }

        if (oldLeft == 0)
        {
            if (state.StartedAt is { } started)
            {
                Log.Completed(_logger, group.Id, state.Replaced, (now - started).TotalSeconds);
                _events.Record(new RolloutEvent(group.Id, "RolloutComplete", $"every node of group {group.Id} runs its current template; {state.Replaced} replaced"));
                state.StartedAt = null;
            }

            state.HaltReason = null;
            state.State = RolloutState.Idle;
            return;
        }

        if (!Resumes(group, state, rollout))
        {
            return;
        }

        if (rollout.Paused || !rollout.IsOpen(now))
        {
            var waiting = rollout.Paused ? RolloutState.Paused : RolloutState.OutsideWindow;
            if (state.State != waiting)
            {
                Log.Waiting(_logger, group.Id, waiting.Label(), oldLeft);
            }

            state.State = waiting;
            return;
        }

        if (FindHaltCause(group, state, policy, nodes, now) is { } cause)
        {
            Halt(group, state, cause, nodes, oldLeft, cancellationToken);
            return;
        }

        var size = group.TargetSize - state.Offset;
        var (surge, unavailable) = rollout.Resolve(size);
        if (state.StartedAt is null)
        {
            state.StartedAt = now;
            Log.Started(_logger, group.Id, oldLeft, nodes.Reasons.ToString(), surge, unavailable);
            _events.Record(new RolloutEvent(group.Id, "RolloutStarted", $"{oldLeft} nodes of group {group.Id} drifted ({nodes.Reasons}); replacing them {surge} at a time"));
        }

        state.State = RolloutState.Rolling;
        if (Math.Min(surge, oldLeft) - state.Offset is > 0 and var launch)
        {
            Surge(group, state, launch, cancellationToken);
        }

        // Unready old nodes serve nothing: draining them costs no availability. Ready ones go while the group keeps
        // its size minus maxUnavailable Ready and open, and while no scale-out is on its way: evicted pods would compete
        // with the scale-out's pods for its new nodes as they turn Ready, and the scale-out would wait behind them.
        var room = nodes.ScaleOutComing > 0 ? 0 : nodes.Available - (size - unavailable);
        foreach (var (instance, ready) in nodes.Old.OrderBy(o => o.Ready))
        {
            if (ready && room <= 0)
            {
                break;
            }

            if (_drains.Start(group, state, instance.InstanceId, rollout, cancellationToken) && ready)
            {
                room--;
            }
        }
    }

    /// <summary>Counts the group's nodes and settles what needs no decision: surges come Ready, drains to retry or to abandon.</summary>
    private NodeCensus TakeCensus(NodeGroup group, GroupRollout state, NodeGroupPolicy policy, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var census = new NodeCensus();
        foreach (var instance in group.Instances)
        {
            if (instance.IsFailedCreation)
            {
                if (instance.Rollout == RolloutStep.Surge)
                {
                    census.FailedSurge.Add(instance);
                }

                continue;
            }

            if (instance.Lifecycle == InstanceLifecycle.Deleting || _warm.IsWarm(group.Id, instance.InstanceId))
            {
                continue;
            }

            var verdict = DriftDetector.Judge(policy, instance.Origin, hash);
            // Readiness from the Node itself, as repair judges it; a cordoned node (by a person, or by this rollout before
            // a restart) is no room for pods and does not count as available.
            var node = _health.Find(instance.InstanceId);
            var ready = node is { IsReady: true, Cordoned: false };
            switch (instance.Rollout)
            {
                case RolloutStep.Surge when verdict.IsDrifted:
                    // Launched for a template the policy no longer wants (a rollback while surging): give it back.
                    Retire(group, state, [instance.InstanceId], cancellationToken);
                    continue;
                case RolloutStep.Surge when node is { IsReady: true }:
                    group.MarkRollout(instance.InstanceId, RolloutStep.None);
                    state.SurgeSeen.Remove(instance.InstanceId);
                    break;
                case RolloutStep.Surge:
                    state.SurgeSeen.TryAdd(instance.InstanceId, now);
                    census.SurgeNotReady.Add(instance);
                    census.New++;
                    continue;
                case RolloutStep.Draining:
                    census.Draining++;
                    _drains.Redrain(group, state, instance, verdict.IsDrifted, now, cancellationToken);
                    continue;
                default:
                    break;
            }

            if (verdict.IsDrifted)
            {
                census.Old.Add((instance, ready));
                census.Reasons |= verdict.Reasons;
            }
            else
            {
                census.New++;
                // A current-template node not yet Ready that is not the rollout's own surge: a scale-out (or a repair)
                // on its way.
                census.ScaleOutComing += node is { IsReady: true } ? 0 : 1;
            }

            census.Available += ready ? 1 : 0;
        }

        return census;
    }

    /// <summary>False while halted and nothing has changed since; true (and resumed) once the policy changed or was un-paused.</summary>
    private bool Resumes(NodeGroup group, GroupRollout state, RolloutPolicy rollout)
    {
        if (state.HaltReason is null)
        {
            return true;
        }

        state.PausedSinceHalt |= rollout.Paused;
        var why = !ReferenceEquals(group.Policy, state.HaltedUnder) ? "the group's policy changed"
            : state.PausedSinceHalt && !rollout.Paused ? "un-paused"
            : null;
        if (why is null)
        {
            state.State = RolloutState.Halted;
            return false;
        }

        Log.Resumed(_logger, group.Id, why);
        state.HaltReason = null;
        state.HaltedUnder = null;
        return true;
    }

    /// <summary>Why the rollout must stop now, if it must: a surge the cloud refused, a surge not Ready in time, the repair brake.</summary>
    private HaltCause? FindHaltCause(NodeGroup group, GroupRollout state, NodeGroupPolicy policy, NodeCensus nodes, DateTimeOffset now)
    {
        if (nodes.FailedSurge.FirstOrDefault() is { } failed)
        {
            return new HaltCause("launch_failed", $"a replacement could not be created ({failed.Error?.Message ?? "no capacity"})");
        }

        var timeout = policy.Repair.RegistrationTimeout;
        if (nodes.SurgeNotReady.FirstOrDefault(i => now - state.SurgeSeen[i.InstanceId] >= timeout) is { } late)
        {
            return new HaltCause("replacement_not_ready", $"replacement {late.InstanceId} was not Ready within the registration timeout ({timeout.TotalSeconds:F0} s)");
        }

        return _repairBraked(group.Id) ? new HaltCause("repair_brake", "the group's repair brake holds: too many of its nodes are unhealthy") : null;
    }

    /// <summary>Stops the rollout where it is and gives back the surge that is not Ready: the old nodes stay as they are.</summary>
    private void Halt(NodeGroup group, GroupRollout state, HaltCause cause, NodeCensus nodes, int oldLeft, CancellationToken cancellationToken)
    {
        state.HaltReason = cause.Message;
        state.HaltedUnder = group.Policy;
        state.PausedSinceHalt = false;
        state.State = RolloutState.Halted;
        Retire(group, state, [.. nodes.SurgeNotReady.Select(i => i.InstanceId)], cancellationToken);
        if (nodes.FailedSurge.Count > 0 && group.Delete([.. nodes.FailedSurge.Select(i => i.InstanceId)]) is null)
        {
            state.Move(-nodes.FailedSurge.Count);
        }

        Log.Halted(_logger, group.Id, cause.Message, oldLeft);
        _events.Record(new RolloutEvent(group.Id, "RolloutHalted", $"rollout of group {group.Id} halted: {cause.Message}", Warning: true));
        _metrics.RecordHalt(group.Id, cause.Label);
    }

    /// <summary>Why a rollout halted: <paramref name="Label"/> for the metric, <paramref name="Message"/> for people.</summary>
    private sealed record HaltCause(string Label, string Message);
}
