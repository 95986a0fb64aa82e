using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// The pool's housekeeping cloud work: reading creating and stopping instances back, stopping booted ones in
/// economical mode (once their Node has joined, where <see cref="WarmNodeParking"/> says so), releasing surplus, refused
/// and never-joining ones, and refilling. Everything goes through the account's budget
/// below scale-out: stops, deletes and launches at <see cref="ApiPriority.WarmPoolRefill"/>, reads at
/// <see cref="ApiPriority.StatusPoll"/>. A failed call changes nothing; the next upkeep tries again.
/// </summary>
internal sealed class WarmPoolUpkeep(
    PacedCloud cloud, Launcher launcher, WarmNodeParking parking, WarmPoolOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>One upkeep of one pool: poll, stop, release. The caller has won <see cref="GroupWarmPool.TryBeginUpkeep"/>.</summary>
    public async Task RunAsync(GroupWarmPool pool, CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(pool, cancellationToken).ConfigureAwait(false);
            await StopBootedAsync(pool, cancellationToken).ConfigureAwait(false);
            await ReleaseAsync(pool, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            pool.EndUpkeep();
        }
    }

    /// <summary>Launches one refill batch (reserved by <see cref="GroupWarmPool.ReserveRefill"/>) and records what came of it.</summary>
    public async Task RefillAsync(GroupWarmPool pool, LaunchBatch batch, CancellationToken cancellationToken)
    {
        var recorded = false;
        try
        {
            var outcome = await launcher.LaunchAsync(batch, cancellationToken).ConfigureAwait(false);
            pool.CompleteRefill(batch.Amount, outcome, time.GetUtcNow(), options.RefillRetryDelay);
            recorded = true;
        }
        finally
        {
            if (!recorded)
            {
                pool.CompleteRefill(batch.Amount, null, time.GetUtcNow(), options.RefillRetryDelay);
            }
        }
    }

    private async Task PollAsync(GroupWarmPool pool, CancellationToken cancellationToken)
    {
        var watched = pool.InState(WarmInstanceState.Creating, WarmInstanceState.Stopping);
        if (watched.Count == 0 || !pool.TryBeginPoll(time.GetUtcNow(), options.PollInterval))
        {
            return;
        }

        await Task.WhenAll(watched.Chunk(LaunchRequest.MaxAmount).Select(chunk => PollChunkAsync(pool, chunk, cancellationToken))).ConfigureAwait(false);
    }

    private async Task PollChunkAsync(GroupWarmPool pool, WarmInstance[] chunk, CancellationToken cancellationToken)
    {
        var ids = chunk.Select(m => m.InstanceId).ToList();
        var result = await cloud.DescribeInstancesAsync(ids, ApiPriority.StatusPoll, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return;
        }

        var now = time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in result.Value!)
        {
            seen.Add(instance.InstanceId);
            if (pool.Observe(instance, now, options.StaleReadGrace))
            {
                Log.KeepsCharging(logger, pool.GroupId, instance.InstanceId);
            }
        }

        foreach (var member in chunk)
        {
            // Missing right after RunInstances is eventual consistency; missing for long, someone released it.
            if (!seen.Contains(member.InstanceId) && now - member.Since >= options.StaleReadGrace
                && pool.RemoveIfIn(member.InstanceId, WarmInstanceState.Creating, WarmInstanceState.Stopping))
            {
                Log.Vanished(logger, pool.GroupId, member.InstanceId);
            }
        }
    }

    private async Task StopBootedAsync(GroupWarmPool pool, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var booted = new List<WarmInstance>();
        foreach (var member in pool.InState(WarmInstanceState.Warming).Where(m => now - m.Since >= options.WarmUpDuration))
        {
            switch (parking.Decide(pool, member, now))
            {
                case ParkingStep.Park:
                    booted.Add(member);
                    break;
                case ParkingStep.Release when pool.Move(member.InstanceId, WarmInstanceState.Releasing, now, WarmInstanceState.Warming):
                    Log.NeverJoined(logger, pool.GroupId, member.InstanceId, options.JoinTimeout);
                    break;
            }
        }

        foreach (var chunk in booted.Chunk(LaunchRequest.MaxAmount))
        {
            var ids = chunk.Select(m => m.InstanceId).ToList();
            var result = await cloud.StopInstancesAsync(ids, economical: true, ApiPriority.WarmPoolRefill, cancellationToken)
                .ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                Log.CallFailed(logger, pool.GroupId, CloudAction.StopInstances, ids.Count, result.Error!);
                continue;
            }

            var stopped = 0;
            foreach (var change in result.Value!)
            {
                if (change.IsSuccess)
                {
                    stopped += pool.Move(change.InstanceId, WarmInstanceState.Stopping, time.GetUtcNow(), WarmInstanceState.Warming) ? 1 : 0;
                }
                else if (change.Error!.Kind == CloudErrorKind.NotFound && pool.Remove(change.InstanceId))
                {
                    Log.Vanished(logger, pool.GroupId, change.InstanceId);
                }
            }

            Log.Stopping(logger, pool.GroupId, stopped, chunk.Count(m => m.Joining));
        }
    }

    private async Task ReleaseAsync(GroupWarmPool pool, CancellationToken cancellationToken)
    {
        var doomed = pool.InState(WarmInstanceState.Releasing);
        foreach (var chunk in doomed.Chunk(LaunchRequest.MaxAmount))
        {
            var ids = chunk.Select(m => m.InstanceId).ToList();
            var result = await cloud.DeleteInstancesAsync(ids, ApiPriority.WarmPoolRefill, cancellationToken)
                .ConfigureAwait(false);
            if (!result.IsSuccess && result.Error!.Kind != CloudErrorKind.NotFound)
            {
                Log.CallFailed(logger, pool.GroupId, CloudAction.DeleteInstances, ids.Count, result.Error);
                continue;
            }

            foreach (var id in ids)
            {
                pool.Remove(id);
            }

            Log.Released(logger, pool.GroupId, ids.Count);
        }
    }
}
