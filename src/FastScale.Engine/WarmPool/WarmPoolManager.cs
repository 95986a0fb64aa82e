using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Repair;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// Every group's warm pool: <c>warmPool.size</c> instances created ahead through the launcher, booted once, and kept
/// Stopped in economical mode (StoppedMode=StopCharging), so a scale-out starts them instead of creating. The
/// <see cref="NodeGroupReconciler"/> drives it from three marked places: recovery, scale-out, and each pass's upkeep.
/// </summary>
/// <remarks>
/// Rules:
/// <list type="bullet">
/// <item>Warm instances are not nodes of their group: not in NodeGroupNodes, not in the target size, not indexed for
/// NodeGroupForNode (which answers "no group" for them), never counted toward the group's max size. Max bounds nodes;
/// a pool of S holds S stopped instances beside a group at max, costing disks only, and serves the next scale-out
/// after a scale-down. They do count against the account's instance quota.</item>
/// <item>A scale-out takes Ready instances first and creates only the remainder; a started instance enters the group
/// as Creating. See <see cref="WarmInstanceStarter"/> for failed starts.</item>
/// <item>Refill waits until the group has no scale-out work (nothing reserved, target covered), then runs at
/// <see cref="ApiPriority.WarmPoolRefill"/>; a refill already queued when a burst arrives still yields every token
/// to the burst's calls, which are served first in each action's bucket.</item>
/// <item>A warm instance that registered a Node while warming must not take pods: the host asks <see cref="IsWarm(string)"/>
/// (or <see cref="IsWarm(NodeRef)"/>) and keeps such Nodes cordoned and tainted, or deletes them; once a scale-out
/// takes the instance, IsWarm turns false and the Node is the group's like any other.</item>
/// </list>
/// </remarks>
public sealed class WarmPoolManager : IWarmInstances
{
    private readonly NodeGroupRegistry _registry;
    private readonly WarmPoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WarmPoolManager> _logger;
    private readonly Dictionary<string, GroupWarmPool> _pools;
    private readonly WarmPoolUpkeep _upkeep;
    private readonly WarmInstanceStarter _starter;

    /// <param name="nodes">The cluster's Nodes, when there is a cluster: pool instances then join before they park
    /// (<see cref="WarmNodeParking"/>). Null: they park as soon as they run.</param>
    public WarmPoolManager(
        NodeGroupRegistry registry, PacedCloud cloud, Launcher launcher, WarmPoolOptions options, TimeProvider time,
        ILogger<WarmPoolManager> logger, INodeHealthSource? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_registry, _options, _time, _logger) = (registry, options, time, logger);
        _pools = registry.Groups.ToDictionary(g => g.Id, g => new GroupWarmPool(g), StringComparer.Ordinal);
        // The tolerance is provider-wide and read once: changing provider settings needs a restart (Reload.PolicyFields).
        var parking = new WarmNodeParking(nodes, registry.Policy.Provider.AutoscalerUnreadyTolerance, options, () => _pools.Values);
        _upkeep = new WarmPoolUpkeep(cloud, launcher, parking, options, time, logger);
        _starter = new WarmInstanceStarter(cloud, launcher, time, logger);
    }

    /// <summary>True while the instance is in a warm pool, in any state, until a scale-out has moved it into its group.</summary>
    /// <summary>Repair leaves warm instances alone: they are stopped on purpose and are nobody's node.</summary>
    bool IWarmInstances.IsWarm(string groupId, string instanceId) => IsWarm(instanceId);

    public bool IsWarm(string instanceId)
    {
        foreach (var pool in _pools.Values)
        {
            if (pool.Contains(instanceId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the node (by providerID in any accepted form, or by name for a bare instance id) is a warm instance.</summary>
    public bool IsWarm(NodeRef node)
    {
        foreach (var value in (ReadOnlySpan<string?>)[node.ProviderId, node.Name])
        {
            if (!string.IsNullOrEmpty(value) && IsWarm(ProviderIds.InstanceIdOf(value, _registry.Policy.Region).ToString()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every warm instance id now, over all groups.</summary>
    public IReadOnlyList<string> WarmInstanceIds() => [.. _pools.Values.SelectMany(p => p.InstanceIds())];

    /// <summary>A group's warm instances now; null when the group has no pool.</summary>
    internal IReadOnlyList<WarmInstance>? Members(string groupId) =>
        _pools.GetValueOrDefault(groupId)?.InState(Enum.GetValues<WarmInstanceState>());

    /// <summary>A group's pool by state; null for an unknown group.</summary>
    public WarmPoolStatus? Status(string groupId) => _pools.GetValueOrDefault(groupId)?.Status();

    /// <summary>
    /// Recovery: puts a warm-tagged instance back into its group's pool in the state its status says. False when the
    /// instance is not warm-tagged or reads as taken (<see cref="WarmPoolRecovery"/>): then it is the group's.
    /// </summary>
    internal bool TryAdopt(NodeGroup group, CloudInstance instance)
    {
        if (!instance.WarmPool || !_pools.TryGetValue(group.Id, out var pool))
        {
            return false;
        }

        if (WarmPoolRecovery.RecoveredStateOf(instance.Status) is not { } state)
        {
            Log.RecoveredIntoGroup(_logger, group.Id, instance.InstanceId, instance.Status);
            return false;
        }

        var keepsCharging = state == WarmInstanceState.Ready && instance.StoppedMode == CloudStoppedMode.KeepCharging;
        pool.Add(new WarmInstance(instance.InstanceId, state, _time.GetUtcNow(), instance.InstanceType, instance.ZoneId, keepsCharging)
        {
            Origin = InstanceOrigin.Of(instance),
        });
        Log.Recovered(_logger, group.Id, instance.InstanceId, state);
        if (keepsCharging)
        {
            Log.KeepsCharging(_logger, group.Id, instance.InstanceId);
        }
        return true;
    }

    /// <summary>
    /// Leadership resync (a follower's refresh, or a new leader's rebuild): the pool becomes what the cloud holds. A
    /// warm-tagged instance that reads as taken (Starting, Running) leaves the pool for the group, one the pool does not
    /// know joins it, one it knows keeps its state; pool entries the cloud no longer lists are dropped. Returns the ids
    /// that are the pool's now; every other listed instance is the group's.
    /// </summary>
    internal IReadOnlySet<string> Resync(NodeGroup group, IReadOnlyList<CloudInstance> listed)
    {
        var pooled = new HashSet<string>(StringComparer.Ordinal);
        if (!_pools.TryGetValue(group.Id, out var pool))
        {
            return pooled;
        }

        foreach (var instance in listed)
        {
            if (!instance.WarmPool)
            {
                continue;
            }

            if (WarmPoolRecovery.RecoveredStateOf(instance.Status) is not { } state)
            {
                pool.Remove(instance.InstanceId);
                continue;
            }

            if (!pool.Contains(instance.InstanceId))
            {
                pool.Add(new WarmInstance(instance.InstanceId, state, _time.GetUtcNow(), instance.InstanceType, instance.ZoneId)
                {
                    Origin = InstanceOrigin.Of(instance),
                });
            }

            pooled.Add(instance.InstanceId);
        }

        foreach (var id in pool.InstanceIds().Where(id => !pooled.Contains(id)).ToList())
        {
            pool.Remove(id);
        }

        return pooled;
    }

    /// <summary>
    /// Scale-out: takes up to <paramref name="deficit"/> Ready instances (slots the caller has reserved) and returns how
    /// many it took, with the start calls (one per 100) that hand each slot on to the group or to <paramref name="launchCold"/>.
    /// </summary>
    internal (int Taken, IReadOnlyList<Task> Starts) Take(NodeGroup group, int deficit, Func<int, Task> launchCold, CancellationToken cancellationToken)
    {
        if (deficit <= 0 || !_pools.TryGetValue(group.Id, out var pool))
        {
            return (0, []);
        }

        var ready = pool.Status().Ready;
        var taken = pool.TakeReady(deficit, _time.GetUtcNow());
        if (taken.Count == 0)
        {
            return (0, []);
        }

        Log.Taking(_logger, group.Id, taken.Count, ready, deficit - taken.Count);
        var starts = taken.Chunk(LaunchRequest.MaxAmount)
            .Select(chunk => _starter.StartAsync(group, pool, chunk, launchCold, cancellationToken))
            .ToList();
        return (taken.Count, starts);
    }

    /// <summary>
    /// One pass of a group's pool: releases surplus, starts an upkeep (poll, stop, release) unless one is running, and
    /// refill launches (batches of up to 100) once the group has no scale-out work.
    /// </summary>
    internal IReadOnlyList<Task> StartPoolWork(NodeGroup group, LaunchBatchSequence batches, CancellationToken cancellationToken)
    {
        if (!_pools.TryGetValue(group.Id, out var pool))
        {
            return [];
        }

        var now = _time.GetUtcNow();
        var work = new List<Task>();
        if (pool.MarkSurplus(now) is > 0 and var surplus)
        {
            Log.Surplus(_logger, group.Id, surplus, pool.Size);
        }

        if (!group.HasScaleOutWork && pool.MarkDrifted(now) is > 0 and var drifted)
        {
            Log.DriftedReleased(_logger, group.Id, drifted);
        }

        var status = pool.Status();
        if (status.Creating + status.Warming + status.Stopping + status.Releasing > 0 && pool.TryBeginUpkeep())
        {
            work.Add(_upkeep.RunAsync(pool, cancellationToken));
        }

        if (!group.HasScaleOutWork && pool.ReserveRefill(now) is > 0 and var missing)
        {
            Log.Refilling(_logger, group.Id, missing, pool.Size);
            while (missing > 0)
            {
                var amount = Math.Min(missing, LaunchRequest.MaxAmount);
                missing -= amount;
                var batch = new LaunchBatch(_registry.Policy.ClusterId, group.Policy, batches.Next(group.Id), amount, ApiPriority.WarmPoolRefill, WarmPool: true);
                work.Add(_upkeep.RefillAsync(pool, batch, cancellationToken));
            }
        }

        return work;
    }
}
