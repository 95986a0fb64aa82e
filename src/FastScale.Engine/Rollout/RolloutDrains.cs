using System.Collections.Concurrent;
using FastScale.Engine.Background;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Rollout;

/// <summary>
/// The rollout's drains: starts them off the pass, and settles each one's end on the next pass (<see cref="SettleFinished"/>),
/// so every change to a group's rollout state happens on the pass. A drained node is handed to <c>retire</c>; a timed-out
/// one waits its turn to be drained again; one no longer drifted (a rollback) is opened again.
/// </summary>
internal sealed class RolloutDrains(
    INodeDrainer drainer,
    IRolloutEvents events,
    RolloutMetrics metrics,
    TimeProvider time,
    ILogger logger,
    BackgroundWork work,
    Action wake,
    Func<NodeGroup, GroupRollout, IReadOnlyList<string>, CancellationToken, int> retire,
    TimeSpan retryDelay)
{
    private readonly ConcurrentQueue<FinishedDrain> _finished = new();

    /// <summary>Settles every drain that ended since the last pass.</summary>
    public void SettleFinished(Func<string, GroupRollout> stateOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (_finished.TryDequeue(out var done))
        {
            Finish(done, stateOf(done.Group.Id), now, cancellationToken);
        }
    }

    /// <summary>Marks the instance Draining and starts its drain; false when the group no longer has it live.</summary>
    public bool Start(NodeGroup group, GroupRollout state, string instanceId, RolloutPolicy rollout, CancellationToken cancellationToken)
    {
        if (!group.MarkRollout(instanceId, RolloutStep.Draining))
        {
            return false;
        }

        state.Draining.Add(instanceId);
        state.DrainAgainAt.Remove(instanceId);
        var request = new DrainRequest(group.Id, instanceId, rollout.DrainTimeout, rollout.OnDrainTimeout);
        work.Track(DrainAsync(group, request, cancellationToken), "drain");
        return true;
    }

    /// <summary>Runs one drain off the pass; what it found is settled by the next pass (<see cref="Finish"/>), which it wakes.</summary>
    private async Task DrainAsync(NodeGroup group, DrainRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        try
        {
            var outcome = await drainer.DrainAsync(request, cancellationToken).ConfigureAwait(false);
            _finished.Enqueue(new FinishedDrain(group, request.InstanceId, outcome, null, time.GetUtcNow() - started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _finished.Enqueue(new FinishedDrain(group, request.InstanceId, null, e.Message, time.GetUtcNow() - started));
        }
        finally
        {
            wake();
        }
    }

    /// <summary>A drain ended: its node is released and replaced, waits (timed out), or is opened again (no longer drifted).</summary>
    private void Finish(FinishedDrain done, GroupRollout state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (group, id) = (done.Group, done.InstanceId);
        state.Draining.Remove(id);
        if (group.Instances.FirstOrDefault(i => i.InstanceId == id) is not { Rollout: RolloutStep.Draining } instance)
        {
            return;
        }

        if (done.Outcome is not { } outcome)
        {
            Log.DrainFailed(logger, group.Id, id, done.Error ?? "unknown");
            state.DrainAgainAt[id] = now + retryDelay;
            return;
        }

        metrics.RecordDrain(group.Id, outcome);
        if (!DriftDetector.Judge(group.Policy, instance.Origin).IsDrifted)
        {
            Abandon(group, state, id, cancellationToken);
            return;
        }

        switch (outcome.Result)
        {
            case DrainResult.TimedOut:
                var timeout = group.Policy.Rollout.DrainTimeout;
                Log.DrainTimedOut(logger, group.Id, id, timeout.TotalSeconds);
                events.Record(new RolloutEvent(group.Id, "DrainTimedOut",
                    $"the node of {id} still has pods after {timeout.TotalSeconds:F0} s; it stays cordoned and is drained again in {timeout.TotalSeconds:F0} s", Warning: true));
                state.DrainAgainAt[id] = now + timeout;
                return;
            case DrainResult.Forced:
                Log.DrainForced(logger, group.Id, id, done.Took.TotalSeconds, outcome.ForceDeleted);
                events.Record(new RolloutEvent(group.Id, "DrainForced",
                    $"{outcome.ForceDeleted} pods of the node of {id} deleted after the drain timeout, disruption budgets notwithstanding", Warning: true));
                break;
            case DrainResult.Drained:
            case DrainResult.NodeGone:
            default:
                break;
        }

        if (retire(group, state, [id], cancellationToken) > 0)
        {
            Interlocked.Increment(ref state.Replaced);
            metrics.RecordReplaced(group.Id);
        }
    }

    /// <summary>A draining node with no drain running: drained again when due, or opened when it is no longer drifted.</summary>
    public void Redrain(NodeGroup group, GroupRollout state, GroupInstance instance, bool drifted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = instance.InstanceId;
        if (state.Draining.Contains(id))
        {
            return;
        }

        if (!drifted)
        {
            Abandon(group, state, id, cancellationToken);
        }
        else if (!state.DrainAgainAt.TryGetValue(id, out var due) || now >= due)
        {
            Start(group, state, id, group.Policy.Rollout, cancellationToken);
        }
    }

    /// <summary>A draining node that is no longer drifted (the policy went back to its template) is opened and kept.</summary>
    public void Abandon(NodeGroup group, GroupRollout state, string instanceId, CancellationToken cancellationToken)
    {
        group.MarkRollout(instanceId, RolloutStep.None);
        state.DrainAgainAt.Remove(instanceId);
        Log.DrainAbandoned(logger, group.Id, instanceId);
        work.Track(drainer.ReleaseAsync(instanceId, cancellationToken), "uncordon");
    }

    private sealed record FinishedDrain(NodeGroup Group, string InstanceId, DrainOutcome? Outcome, string? Error, TimeSpan Took);
}
