using System.Collections.Concurrent;
using FastScale.Engine.Background;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Repair;
using FastScale.Engine.WarmPool;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Rollout;

/// <summary>
/// Replaces each group's drifted nodes (<see cref="DriftDetector"/>) with nodes of its current template, the way a
/// Deployment rolls its pods: surge first, drain second. New nodes are launched above the group's size (at most
/// <c>maxSurge</c>), and an old node is cordoned and drained (<see cref="INodeDrainer"/>, disruption budgets honoured) only
/// while the group keeps at least its size minus <c>maxUnavailable</c> Ready nodes that are not draining; a drained
/// node is released and its slot leaves the target. Launches and releases go at <see cref="ApiPriority.Rollout"/>, below
/// scale-out and repair.
/// </summary>
/// <remarks>
/// <para>The autoscaler's view stays consistent: the target counts the surge while it exists (the autoscaler sees
/// instances being created, not a deficit), a draining node stays Running in the target until it is released, and the
/// drainer marks it scale-down-disabled and cordons it, so the autoscaler neither deletes it nor counts it as room.</para>
/// <para>It halts by itself, with the reason in the log, an Event and a metric, when a surge node is not Ready within
/// the group's <c>registrationTimeout</c> or the group's repair brake holds: the surge nodes not Ready are given back and
/// no old node is touched. Repair leaves surge nodes to the rollout, so a broken image costs one batch, not a loop of
/// replacements. A reload of the group's policy (a fixed image, a rollback) or an un-pause resumes it.</para>
/// <para>Nothing starts while the node view is out of date, while paused or outside the window; drains already started finish.</para>
/// </remarks>
public sealed partial class RolloutController : IController
{
    private readonly NodeGroupRegistry _registry;
    private readonly INodeHealthSource _health;
    private readonly IRolloutEvents _events;
    private readonly WarmPoolManager? _warmPools;
    private readonly IWarmInstances _warm;
    private readonly Func<string, bool> _repairBraked;
    private readonly RolloutOptions _options;
    private readonly RolloutMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<RolloutController> _logger;
    private readonly Replacer _replacer;
    private readonly BackgroundWork _work;
    private readonly ConcurrentDictionary<string, GroupRollout> _groups = new(StringComparer.Ordinal);
    private readonly RolloutDrains _drains;
    private readonly Lock _pass = new();

    public RolloutController(
        NodeGroupRegistry registry,
        PacedCloud cloud,
        Launcher launcher,
        LaunchBatchSequence batches,
        INodeHealthSource health,
        INodeDrainer drainer,
        IRolloutEvents events,
        IWarmInstances warm,
        RolloutOptions options,
        RolloutMetrics metrics,
        TimeProvider time,
        ILogger<RolloutController> logger,
        WarmPoolManager? warmPools = null,
        Repairer? repairer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_registry, _health, _events, _warm, _options, _metrics, _time, _logger, _warmPools) =
            (registry, health, events, warm, options, metrics, time, logger, warmPools);
        _repairBraked = repairer is null ? static _ => false : repairer.IsBraked;
        _replacer = new Replacer(registry, cloud, launcher, batches, logger, ApiPriority.Rollout);
        _work = new BackgroundWork(logger, "Rollout");
        _drains = new RolloutDrains(drainer, events, metrics, time, logger, _work, Wakeup.Raise, Retire, options.CheckInterval);
        metrics.Observe(this);
    }

    public string Name => "rollout";

    /// <summary>Woken when a drain ends, so the next node goes at once rather than at the next check.</summary>
    public ControllerWakeup Wakeup { get; } = new();

    ControllerWakeup? IController.Wakeup => Wakeup;

    public bool IsIdle => _work.IsEmpty;

    /// <summary>The group's rollout state now (<see cref="RolloutState.Idle"/> for a group never looked at).</summary>
    public RolloutState StateOf(string groupId) => _groups.TryGetValue(groupId, out var group) ? group.State : RolloutState.Idle;

    /// <summary>Old nodes replaced since start-up (released after their drain).</summary>
    public int ReplacedIn(string groupId) => _groups.TryGetValue(groupId, out var group) ? Volatile.Read(ref group.Replaced) : 0;

    /// <summary>Why the group's rollout halted; null when it has not.</summary>
    public string? HaltReasonOf(string groupId) => _groups.TryGetValue(groupId, out var group) ? group.HaltReason : null;

    internal IEnumerable<(string GroupId, GroupRollout Rollout)> Groups => _groups.Select(p => (p.Key, p.Value));

    public TimeSpan RunOnce(CancellationToken cancellationToken)
    {
        lock (_pass)
        {
            if (_registry.IsRecovered && _health.HasSynced && _health.IsCurrent)
            {
                var now = _time.GetUtcNow();
                _drains.SettleFinished(RolloutOf, now, cancellationToken);

                foreach (var group in _registry.Groups)
                {
                    Step(group, RolloutOf(group.Id), now, cancellationToken);
                }
            }
        }

        return _options.CheckInterval;
    }

    private GroupRollout RolloutOf(string groupId) => _groups.GetOrAdd(groupId, static _ => new GroupRollout());
}
