using System.Collections.Concurrent;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Repair;

/// <summary>
/// Carries out replacements the repairer decided: releases the bad instances, then launches as many new ones for the
/// same slots, every call at <see cref="ApiPriority.Repair"/> so a scale-out waiting for the same action goes first.
/// The rollout uses the same two halves at <see cref="ApiPriority.Rollout"/>, launching first (its surge) and releasing
/// once the old node is drained.
/// </summary>
/// <remarks>
/// The slots were reserved by <see cref="NodeGroup.BeginRepair"/>, so the reconciler does not launch for them too. The
/// launch is recorded like any other (<see cref="NodeGroup.CompleteLaunch"/>): a replacement the cloud cannot create,
/// after the launcher has tried every offering, becomes a failed slot with errorInfo for the autoscaler, exactly as a
/// scale-out's would. Launch batches draw numbers from the same
/// <see cref="LaunchBatchSequence"/> as the reconciler, so their ClientTokens never collide with a scale-out's.
/// </remarks>
internal sealed class Replacer(
    NodeGroupRegistry registry, PacedCloud cloud, Launcher launcher, LaunchBatchSequence batches, ILogger logger, ApiPriority priority = ApiPriority.Repair)
{
    private readonly ConcurrentDictionary<string, byte> _releasing = new(StringComparer.Ordinal);

    public async Task ReplaceAsync(NodeGroup group, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        // Release first: it frees the quota the new instances may need.
        await ReleaseAsync(group, instanceIds, cancellationToken).ConfigureAwait(false);
        await LaunchAsync(group, instanceIds.Count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the instances <paramref name="owned"/> picks (being repaired, retired by a rollout) whose release failed before; null when there are none.</summary>
    public Task? RetryReleases(NodeGroup group, Func<GroupInstance, bool> owned, CancellationToken cancellationToken)
    {
        var stuck = group.Instances
            .Where(i => i.Lifecycle == InstanceLifecycle.Deleting && owned(i) && !_releasing.ContainsKey(i.InstanceId))
            .Select(i => i.InstanceId)
            .ToList();
        return stuck.Count == 0 ? null : ReleaseAsync(group, stuck, cancellationToken);
    }

    public async Task ReleaseAsync(NodeGroup group, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var claimed = instanceIds.Where(id => _releasing.TryAdd(id, 0)).ToList();
        try
        {
            foreach (var batch in claimed.Chunk(LaunchRequest.MaxAmount))
            {
                var result = await cloud.DeleteInstancesAsync(batch, priority, cancellationToken)
                    .ConfigureAwait(false);
                if (!result.IsSuccess && result.Error!.Kind != CloudErrorKind.NotFound)
                {
                    Log.ReleaseRetry(logger, group.Id, batch.Length, result.Error);
                    continue;
                }

                group.Forget(batch);
            }
        }
        finally
        {
            foreach (var id in claimed)
            {
                _releasing.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Launches <paramref name="count"/> slots the caller reserved on the group, recorded with <paramref name="step"/>.</summary>
    public async Task LaunchAsync(NodeGroup group, int count, CancellationToken cancellationToken, RolloutStep step = RolloutStep.None)
    {
        for (var remaining = count; remaining > 0;)
        {
            var amount = Math.Min(remaining, LaunchRequest.MaxAmount);
            remaining -= amount;
            var batch = new LaunchBatch(registry.Policy.ClusterId, group.Policy, batches.Next(group.Id), amount, priority);
            var recorded = false;
            try
            {
                var outcome = await launcher.LaunchAsync(batch, cancellationToken).ConfigureAwait(false);
                group.CompleteLaunch(amount, outcome, batch.Number, step);
                recorded = true;
                if (outcome.FailedCount > 0)
                {
                    Log.ReplacementLaunchFailed(logger, group.Id, outcome.FailedCount, outcome.FailureError!);
                }
            }
            finally
            {
                if (!recorded)
                {
                    // Cancelled (shutting down) or a bug: give the slots back so the reservation cannot leak.
                    group.CancelLaunch(amount);
                }
            }
        }
    }
}
