using System.Collections.Concurrent;
using System.Globalization;
using FastScale.Engine.Background;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Brings the cloud in line with each group's target: rebuilds the groups from the cloud's tags at start-up, launches
/// the missing instances, releases the deleted ones, and reads instance states back while some are coming up.
/// </summary>
/// <remarks>
/// A pass only starts work and returns: a group's whole deficit is reserved at once and split into batches of 100,
/// which the <see cref="Launcher"/> runs concurrently, as fast as the account's <see cref="CloudApiBudget"/> allows.
/// Nothing waits for a slow or throttled call, so a new target is acted on at the next signal even while an action
/// sits out a throttle pause, and a 1,000-node burst is not serialised behind one call's latency.
/// </remarks>
public sealed partial class NodeGroupReconciler : BackgroundService
{
    private readonly NodeGroupRegistry _registry;
    private readonly PacedCloud _cloud;
    private readonly Launcher _launcher;
    private readonly ScaleSignal _signal;
    private readonly ReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeGroupReconciler> _logger;
    private readonly InstanceStatusPoller _poller;
    private readonly LaunchBatchSequence _batches;
    private readonly BackgroundWork _work;
    private readonly ConcurrentDictionary<string, byte> _releasing = new(StringComparer.Ordinal);
    private readonly WarmPoolManager? _warmPools;
    private readonly ReplicaRole _role;

    // Held by every resync and by a term's rebuild up to its activation: a follower's refresh never overwrites the
    // groups once a term has reserved launches (a resync resets the reservations).
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private long _failedSequence;

    public NodeGroupReconciler(
        NodeGroupRegistry registry,
        PacedCloud cloud,
        Launcher launcher,
        ScaleSignal signal,
        ReconcilerOptions options,
        TimeProvider time,
        ILogger<NodeGroupReconciler> logger,
        WarmPoolManager? warmPools = null,
        LaunchBatchSequence? batches = null,
        ReplicaRole? role = null)
    {
        (_registry, _cloud, _launcher, _signal, _options, _time, _logger) = (registry, cloud, launcher, signal, options, time, logger);
        _warmPools = warmPools;
        _role = role ?? ReplicaRole.Single();
        _role.OnRefresh(RefreshAsFollowerAsync);
        // Shared with every other component that launches (repair): one sequence per group keeps ClientTokens unique.
        _batches = batches ?? new LaunchBatchSequence();
        _work = new BackgroundWork(logger, "Reconciler");
        _poller = new InstanceStatusPoller(registry, cloud, time, options.PollInterval);
    }

    /// <summary>The launch-batch numbers per group, continued after recovery from the instances' tags.</summary>
    public LaunchBatchSequence LaunchBatches => _batches;

    /// <summary>True when no launch, release or status poll started by a pass is still running.</summary>
    public bool IsIdle => _work.IsEmpty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only a recovery that started while already leading counts as this term's rebuild: a replica that recovered as
        // a follower and wins the lease before its first refresh would otherwise act on a view older than the old leader's work.
        var rebuilt = _role.IsLeader;
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await _role.WaitForTermAsync(_options.FollowerRefreshInterval, _time, stoppingToken) is not { } term)
            {
                // Following: keep the groups in step with the cloud so reads are current and a takeover starts warm.
                await RefreshAsFollowerAsync(stoppingToken);
                rebuilt = false;
                continue;
            }

            await LeadAsync(term, rebuilt, stoppingToken);
            rebuilt = false;
        }
    }

    /// <summary>
    /// One term of leadership. Taking over, the groups are first rebuilt from the cloud (the previous leader may have
    /// launched since this replica last looked; the batch numbers continue after its tags, so nothing is launched twice),
    /// then writes are accepted. Work runs on the term's token: losing the lease cancels it at once. Shutting down, the
    /// loop stops starting work and lets what is in flight finish, for at most <see cref="ReconcilerOptions.ShutdownTimeout"/>.
    /// </summary>
    private async Task LeadAsync(CancellationToken term, bool rebuilt, CancellationToken stoppingToken)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(term);
        try
        {
            await _work.WhenEmptyAsync(Timeout.InfiniteTimeSpan, _time);
            using var rebuilding = CancellationTokenSource.CreateLinkedTokenSource(term, stoppingToken);
            await _syncGate.WaitAsync(rebuilding.Token);
            try
            {
                if (!rebuilt)
                {
                    await ResyncAsync(rebuilding.Token);
                }

                _role.Activate(term);
            }
            finally
            {
                _syncGate.Release();
            }

            Log.Leading(_logger, _registry.Policy.ClusterId);
            using var passes = CancellationTokenSource.CreateLinkedTokenSource(term, stoppingToken);
            while (!passes.IsCancellationRequested)
            {
                ReconcileOnce(work.Token);
                await _signal.WaitAsync(_options.PollInterval, _time, passes.Token);
            }
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested || stoppingToken.IsCancellationRequested)
        {
            // The term ended or the host stops; handled below.
        }

        if (term.IsCancellationRequested)
        {
            Log.StoppedLeading(_logger);
            return;
        }

        if (!await _work.WhenEmptyAsync(_options.ShutdownTimeout, _time))
        {
            Log.ShutdownAbandoned(_logger, _options.ShutdownTimeout.TotalSeconds);
        }

        await work.CancelAsync();
    }

    /// <summary>
    /// One pass: starts releases (they free quota), launches for every group's deficit, and a status poll if one is due.
    /// Returns at once; the work runs on and <see cref="IsIdle"/> says when it is done.
    /// </summary>
    public void ReconcileOnce(CancellationToken cancellationToken)
    {
        foreach (var group in _registry.Groups)
        {
            StartRelease(group, cancellationToken);
            StartLaunches(group, cancellationToken);
            StartWarmPoolWork(group, cancellationToken);
        }

        if (_poller.TryStart(cancellationToken) is { } poll)
        {
            Track(poll, "status poll");
        }
    }

    private void StartLaunches(NodeGroup group, CancellationToken cancellationToken)
    {
        var deficit = group.ReserveLaunch(int.MaxValue);
        deficit -= StartWarmInstances(group, deficit, cancellationToken);
        if (deficit <= 0)
        {
            return;
        }

        var batches = (deficit + LaunchRequest.MaxAmount - 1) / LaunchRequest.MaxAmount;
        Log.Launching(_logger, group.Id, deficit, batches, group.TargetSize);
        while (deficit > 0)
        {
            var amount = Math.Min(deficit, LaunchRequest.MaxAmount);
            deficit -= amount;
            var batch = new LaunchBatch(_registry.Policy.ClusterId, group.Policy, _batches.Next(group.Id), amount);
            Track(LaunchBatchAsync(group, batch, cancellationToken), "launch");
        }
    }

    /// <summary>
    /// Warm pool: Ready warm instances cover what they can of a reserved deficit (StartInstances, scale-out priority);
    /// a slot whose start fails is launched cold at once. Returns how many slots the pool took.
    /// </summary>
    private int StartWarmInstances(NodeGroup group, int deficit, CancellationToken cancellationToken)
    {
        if (_warmPools is null || deficit <= 0)
        {
            return 0;
        }

        var (taken, starts) = _warmPools.Take(group, deficit, amount => LaunchBatchAsync(
            group, new LaunchBatch(_registry.Policy.ClusterId, group.Policy, _batches.Next(group.Id), amount), cancellationToken), cancellationToken);
        foreach (var start in starts)
        {
            Track(start, "warm start");
        }

        return taken;
    }

    /// <summary>Warm pool: the pool's upkeep and, once the group has no scale-out work, its refill; all below scale-out priority.</summary>
    private void StartWarmPoolWork(NodeGroup group, CancellationToken cancellationToken)
    {
        foreach (var work in _warmPools?.StartPoolWork(group, _batches, cancellationToken) ?? [])
        {
            Track(work, "warm pool");
        }
    }

    private async Task LaunchBatchAsync(NodeGroup group, LaunchBatch batch, CancellationToken cancellationToken)
    {
        var recorded = false;
        try
        {
            var outcome = await _launcher.LaunchAsync(batch, cancellationToken).ConfigureAwait(false);
            var instances = new List<GroupInstance>(batch.Amount);
            foreach (var id in outcome.InstanceIds)
            {
                _registry.Index(id, group);
                instances.Add(ToGroupInstance(id, InstanceState.Creating));
            }

            if (outcome.FailedCount > 0)
            {
                instances.AddRange(FailedCreations(group, outcome.FailedCount, outcome.FailureError!));
            }

            group.CompleteLaunch(batch.Amount, instances);
            recorded = true;
        }
        finally
        {
            if (!recorded)
            {
                // Cancelled (shutting down) or a bug: give the slots back so the reservation cannot leak.
                group.CompleteLaunch(batch.Amount, []);
            }
        }
    }

    /// <summary>
    /// Slots the cloud could not fill, reported to the autoscaler as creating with errorInfo: OutOfResources for
    /// stock-outs and quota (its expander then tries another group), Other for the rest.
    /// </summary>
    private IEnumerable<GroupInstance> FailedCreations(NodeGroup group, int count, CloudError error)
    {
        var errorClass = error.Kind is CloudErrorKind.OutOfStock or CloudErrorKind.QuotaExceeded
            ? InstanceErrorClass.OutOfResources
            : InstanceErrorClass.Other;
        for (var i = 0; i < count; i++)
        {
            var placeholder = $"fastscale-failed-{group.Id}-{Interlocked.Increment(ref _failedSequence).ToString(CultureInfo.InvariantCulture)}";
            _registry.Index(placeholder, group);
            yield return new GroupInstance(placeholder, placeholder, InstanceState.Creating, new InstanceError(errorClass, error.Code, error.Message));
        }
    }

    private void StartRelease(NodeGroup group, CancellationToken cancellationToken)
    {
        if (!group.Instances.Any(i => i.AwaitsRelease) || !_releasing.TryAdd(group.Id, 0))
        {
            return;
        }

        Track(ReleaseDeletedAsync(group, cancellationToken), "release");
    }

    /// <summary>
    /// Autoscaler-ordered deletions go at scale-out priority: they are the autoscaler's own decisions, and the quota
    /// they free is what the next scale-out draws on.
    /// </summary>
    private async Task ReleaseDeletedAsync(NodeGroup group, CancellationToken cancellationToken)
    {
        try
        {
            var doomed = group.Instances.Where(i => i.AwaitsRelease).Select(i => i.InstanceId).ToList();
            foreach (var batch in doomed.Chunk(LaunchRequest.MaxAmount))
            {
                var result = await _cloud.DeleteInstancesAsync(batch, ApiPriority.ScaleOut, cancellationToken)
                    .ConfigureAwait(false);
                if (!result.IsSuccess && result.Error!.Kind != CloudErrorKind.NotFound)
                {
                    Log.DeleteRetry(_logger, group.Id, batch.Length, result.Error);
                    return;
                }

                group.Forget(batch);
                foreach (var id in batch)
                {
                    _registry.Unindex(id);
                }

                Log.Deleted(_logger, group.Id, batch.Length);
            }
        }
        finally
        {
            _releasing.TryRemove(group.Id, out _);
        }
    }

    private void Track(Task work, string what) => _work.Track(work, what);

    private GroupInstance ToGroupInstance(string instanceId, InstanceState state) =>
        new(instanceId, ProviderIds.Format(_registry.Policy.Region, instanceId), state);
}
