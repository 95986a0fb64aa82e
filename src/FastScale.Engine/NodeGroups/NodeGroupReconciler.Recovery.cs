using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// The reconciler's view of the cloud as a whole: rebuilding every group from the instances tagged for this cluster at
/// start-up or on becoming leader, and a follower's refresh of the same view.
/// </summary>
public sealed partial class NodeGroupReconciler
{
    /// <summary>Rebuilds every group from the instances the cloud holds for this cluster; retries until the cloud answers.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var listed = await ListUntilAnsweredAsync(cancellationToken);
        foreach (var (group, instance) in Ours(listed))
        {
            // Warm pool: an instance still in its group's warm pool goes back to the pool, not into the group.
            if (_warmPools?.TryAdopt(group, instance) == true)
            {
                continue;
            }

            group.Adopt(instance);
        }

        _registry.MarkRecovered();
        Log.Recovered(_logger, listed.Count, _registry.Policy.ClusterId);
    }

    /// <summary>
    /// Makes every group and its warm pool what the cloud holds now (see <see cref="NodeGroup.Sync"/> and
    /// <see cref="WarmPoolManager.Resync"/>); the batch sequence continues after the highest tag seen.
    /// </summary>
    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var listed = await ListUntilAnsweredAsync(cancellationToken);
        var byGroup = _registry.Groups.ToDictionary(g => g.Id, _ => new List<CloudInstance>(), StringComparer.Ordinal);
        foreach (var (group, instance) in Ours(listed))
        {
            byGroup[group.Id].Add(instance);
        }

        foreach (var group in _registry.Groups)
        {
            var inCloud = byGroup[group.Id];
            var pooled = _warmPools?.Resync(group, inCloud);
            group.Sync([.. inCloud.Where(i => pooled?.Contains(i.InstanceId) != true)]);
        }
    }

    /// <summary>A follower's refresh (its timer, or the autoscaler's Refresh); nothing once this replica actively leads.</summary>
    public async Task RefreshAsFollowerAsync(CancellationToken cancellationToken)
    {
        if (_role.IsActive)
        {
            return;
        }

        await _syncGate.WaitAsync(cancellationToken);
        try
        {
            if (!_role.IsActive)
            {
                await ResyncAsync(cancellationToken);
            }
        }
        finally
        {
            _syncGate.Release();
        }
    }

    private async Task<IReadOnlyList<CloudInstance>> ListUntilAnsweredAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var listed = await _cloud.ListInstancesAsync(_registry.Policy.ClusterId, ApiPriority.ScaleOut, cancellationToken);
            if (listed.IsSuccess)
            {
                return listed.Value!;
            }

            Log.RecoveryFailed(_logger, listed.Error!);
            await Task.Delay(_options.RecoveryRetryInterval, _time, cancellationToken);
        }
    }

    private IEnumerable<(NodeGroup Group, CloudInstance Instance)> Ours(IReadOnlyList<CloudInstance> listed)
    {
        foreach (var instance in listed)
        {
            if (_registry.Find(instance.GroupId) is not { } group)
            {
                Log.UnknownGroup(_logger, instance.InstanceId, instance.GroupId);
                continue;
            }

            if (instance.LaunchBatch is { } batch)
            {
                _batches.Observe(group.Id, batch);
            }

            yield return (group, instance);
        }
    }
}
