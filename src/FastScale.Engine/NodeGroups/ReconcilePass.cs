using System.Collections.Concurrent;
using FastScale.Engine.Background;
using FastScale.Engine.Cloud;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// The reconciler's pass: brings the cloud in line with each group's target by launching the missing instances,
/// releasing the deleted ones, working the warm pools, and reading instance states back while some are coming up.
/// Woken by the <see cref="ScaleSignal"/> (a target changed), otherwise every <see cref="ReconcilerOptions.PollInterval"/>.
/// </summary>
/// <remarks>
/// A pass only starts work and returns: a group's whole deficit is reserved at once and split into batches of 100,
/// which the <see cref="Launcher"/> runs concurrently, as fast as the account's <see cref="CloudApiBudget"/> allows.
/// Nothing waits for a slow or throttled call, so a new target is acted on at the next signal even while an action
/// sits out a throttle pause, and a 1,000-node burst is not serialised behind one call's latency.
/// </remarks>
public sealed class ReconcilePass : IController
{
    private readonly NodeGroupRegistry _registry;
    private readonly PacedCloud _cloud;
    private readonly Launcher _launcher;
    private readonly ReconcilerOptions _options;
    private readonly ILogger _logger;
    private readonly InstanceStatusPoller _poller;
    private readonly LaunchBatchSequence _batches;
    private readonly BackgroundWork _work;
    private readonly ConcurrentDictionary<string, byte> _releasing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OpenLaunchBatch> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastCall = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly WarmPoolManager? _warmPools;
    private readonly ReplicaRole _role;

    internal ReconcilePass(
        NodeGroupRegistry registry,
        PacedCloud cloud,
        Launcher launcher,
        ScaleSignal signal,
        ReconcilerOptions options,
        TimeProvider time,
        ILogger logger,
        WarmPoolManager? warmPools,
        LaunchBatchSequence batches,
        ReplicaRole role)
    {
        (_registry, _cloud, _launcher, _options, _logger, _warmPools, _batches, _role, _time) =
            (registry, cloud, launcher, options, logger, warmPools, batches, role, time);
        Wakeup = signal;
        _work = new BackgroundWork(logger, "Reconciler");
        _poller = new InstanceStatusPoller(registry, cloud, time, options.PollInterval);
    }

    public string Name => "reconcile";

    public ControllerWakeup Wakeup { get; }

    ControllerWakeup? IController.Wakeup => Wakeup;

    /// <summary>True when no launch, release or status poll started by a pass is still running.</summary>
    public bool IsIdle => _work.IsEmpty;

    /// <summary>Waits until the work passes started is done (false if <paramref name="timeout"/> passed first).</summary>
    internal Task<bool> WhenIdleAsync(TimeSpan timeout, TimeProvider time) => _work.WhenEmptyAsync(timeout, time);

    /// <summary>
    /// One pass: starts releases (they free quota), launches for every group's deficit, and a status poll if one is due.
    /// Returns at once; the work runs on and <see cref="IsIdle"/> says when it is done. Nothing while this replica does
    /// not actively lead: a follower's groups are a read-only view of the cloud.
    /// </summary>
    public TimeSpan RunOnce(CancellationToken cancellationToken)
    {
        if (!_role.IsActive)
        {
            return _options.PollInterval;
        }

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

        return _options.PollInterval;
    }

    /// <summary>
    /// Launches the group's reserved deficit: first into the group's batch that is still open (waiting for its permit
    /// or its window), then in new batches of up to 100. A full batch goes at once; a smaller one stays open for
    /// <see cref="ProviderSettings.LaunchBatchWindow"/> after the group's previous call, so a trickle of increases
    /// becomes a few calls of tens of instances rather than one call each. The first call of a burst waits for nothing.
    /// </summary>
    private void StartLaunches(NodeGroup group, CancellationToken cancellationToken)
    {
        var deficit = group.ReserveLaunch(int.MaxValue);
        deficit -= StartWarmInstances(group, deficit, cancellationToken);
        if (deficit <= 0)
        {
            return;
        }

        // Read before any launch of this pass starts: batches split from one increase never wait for each other.
        var notBefore = _lastCall.TryGetValue(group.Id, out var previous)
            ? previous + _registry.Policy.Provider.LaunchBatchWindow
            : DateTimeOffset.MinValue;
        if (_open.TryGetValue(group.Id, out var open) && open.TryJoin(deficit) is var joined and > 0)
        {
            deficit -= joined;
            Log.JoinedLaunch(_logger, group.Id, joined, open.Number, open.Amount);
            if (deficit == 0)
            {
                return;
            }
        }

        var batches = (deficit + LaunchRequest.MaxAmount - 1) / LaunchRequest.MaxAmount;
        Log.Launching(_logger, group.Id, deficit, batches, group.TargetSize);
        while (deficit > 0)
        {
            var amount = Math.Min(deficit, LaunchRequest.MaxAmount);
            deficit -= amount;
            var batch = new OpenLaunchBatch(_registry.Policy.ClusterId, group.Policy, _batches.Next(group.Id), amount);
            if (!batch.IsFull)
            {
                _open[group.Id] = batch;
            }

            Track(LaunchOpenBatchAsync(group, batch, notBefore, cancellationToken), "launch");
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
            group.CompleteLaunch(batch.Amount, outcome, batch.Number);
            recorded = true;
        }
        finally
        {
            if (!recorded)
            {
                // Cancelled (shutting down) or a bug: give the slots back so the reservation cannot leak.
                group.CancelLaunch(batch.Amount);
            }
        }
    }

    private async Task LaunchOpenBatchAsync(NodeGroup group, OpenLaunchBatch open, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var recorded = false;
        try
        {
            if (notBefore > _time.GetUtcNow())
            {
                await Cancellation.DelayOrAsync(notBefore - _time.GetUtcNow(), _time, open.Full, cancellationToken).ConfigureAwait(false);
            }

            _lastCall[group.Id] = _time.GetUtcNow();
            var (batch, outcome) = await _launcher.LaunchAsync(open, cancellationToken).ConfigureAwait(false);
            group.CompleteLaunch(batch.Amount, outcome, batch.Number);
            recorded = true;
        }
        finally
        {
            _open.TryRemove(new KeyValuePair<string, OpenLaunchBatch>(group.Id, open));
            if (!recorded)
            {
                // Cancelled (shutting down) or a bug: seal it so nothing joins, and give its slots back.
                group.CancelLaunch(open.Seal().Amount);
            }
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
                Log.Deleted(_logger, group.Id, batch.Length);
            }
        }
        finally
        {
            _releasing.TryRemove(group.Id, out _);
        }
    }

    private void Track(Task work, string what) => _work.Track(work, what);
}
