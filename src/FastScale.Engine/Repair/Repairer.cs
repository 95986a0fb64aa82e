using FastScale.Engine.Background;
using FastScale.Engine.Cloud;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Repair;

/// <summary>
/// Replaces instances that never became Ready nodes, nodes NotReady past their toleration, and instances the cloud
/// reports stopped or released without our asking, keeping each group at its target (see <see cref="RepairDiagnosis"/>
/// for the rules). Per group, repair pauses while more than the policy's share of the group is unhealthy
/// (<see cref="IsBraked"/>).
/// </summary>
/// <remarks>
/// A pass reads only memory (the engine and the <see cref="INodeHealthSource"/>) and starts the cloud work without
/// waiting for it, like the reconciler. Nothing is judged before the groups are recovered from the cloud and the node
/// list has synced: until then a missing node means nothing. Instances of a warm pool (<see cref="IWarmInstances"/>)
/// are neither counted nor replaced.
/// </remarks>
public sealed class Repairer : IController
{
    private readonly NodeGroupRegistry _registry;
    private readonly INodeHealthSource _health;
    private readonly IWarmInstances _warm;
    private readonly RepairOptions _options;
    private readonly RepairMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<Repairer> _logger;
    private readonly CloudStatusSweep _sweep;
    private readonly Replacer _replacer;
    private readonly BackgroundWork _work;
    private readonly RepairBrake _brake = new();
    private readonly Dictionary<string, InstanceWatch> _watches = new(StringComparer.Ordinal);
    private readonly Lock _pass = new();
    private bool _waitLogged;
    private DateTimeOffset? _blindSince;
    private long _blindPasses;

    public Repairer(
        NodeGroupRegistry registry,
        PacedCloud cloud,
        Launcher launcher,
        LaunchBatchSequence batches,
        ScaleSignal signal,
        INodeHealthSource health,
        IWarmInstances warm,
        RepairOptions options,
        RepairMetrics metrics,
        TimeProvider time,
        ILogger<Repairer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        (_registry, _health, _warm, _options, _metrics, _time, _logger) = (registry, health, warm, options, metrics, time, logger);
        _sweep = new CloudStatusSweep(cloud, time, options.CloudCheckInterval);
        _replacer = new Replacer(registry, cloud, launcher, batches, logger);
        _work = new BackgroundWork(logger, "Repair");
    }

    /// <summary>True while repair of the group is paused because too much of it is unhealthy.</summary>
    public bool IsBraked(string groupId) => _brake.IsEngaged(groupId);

    /// <summary>Passes that judged nothing because the node view was not current (the API server out of reach).</summary>
    public long BlindPasses => Interlocked.Read(ref _blindPasses);

    public string Name => "repair";

    /// <summary>Repair runs on its schedule: a node going bad is judged against tolerations of minutes, not milliseconds.</summary>
    public ControllerWakeup? Wakeup => null;

    /// <summary>True when no release, launch or cloud check started by a pass is still running.</summary>
    public bool IsIdle => _work.IsEmpty;

    /// <summary>One pass over every group with repair enabled; the next is due after <see cref="RepairOptions.CheckInterval"/>.</summary>
    public TimeSpan RunOnce(CancellationToken cancellationToken)
    {
        RepairGroups(cancellationToken);
        return _options.CheckInterval;
    }

    private void RepairGroups(CancellationToken cancellationToken)
    {
        lock (_pass)
        {
            if (!_registry.IsRecovered)
            {
                return;
            }

            if (!_health.HasSynced)
            {
                if (!_waitLogged)
                {
                    _waitLogged = true;
                    Log.WaitingForNodes(_logger);
                }

                return;
            }

            var now = _time.GetUtcNow();
            if (!_health.IsCurrent)
            {
                // A node that looks NotReady or missing in a view the API server stopped updating may be neither:
                // replacing it would act on the past. Everything waits, cloud checks included, until the view is back.
                Interlocked.Increment(ref _blindPasses);
                if (_blindSince is null)
                {
                    _blindSince = now;
                    Log.BlindPaused(_logger);
                }

                return;
            }

            if (_blindSince is { } since)
            {
                // Time repair could not see does not count against anyone: nodes could not register or report Ready
                // while the API was away. Every instance's clock starts again, as after a restart.
                _blindSince = null;
                _watches.Clear();
                Log.BlindResumed(_logger, (now - since).TotalSeconds);
            }

            var toCheck = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var group in _registry.Groups)
            {
                if (!group.Policy.Repair.Enabled)
                {
                    continue;
                }

                var health = Examine(group, now, toCheck);
                if (!Brake(group, health) && health.Due.Count > 0)
                {
                    StartReplacements(group, health.Due, cancellationToken);
                }

                if (_replacer.RetryReleases(group, static i => i.IsBeingRepaired, cancellationToken) is { } retry)
                {
                    _work.Track(retry, "release");
                }
            }

            // Instances gone from every group (released, or their group's repair switched off) are forgotten.
            foreach (var id in _watches.Keys.Where(id => !toCheck.ContainsKey(id)).ToList())
            {
                _watches.Remove(id);
            }

            if (_sweep.TryStart(toCheck, cancellationToken) is { } sweep)
            {
                _work.Track(sweep, "cloud check");
            }
        }
    }

    private GroupHealth Examine(NodeGroup group, DateTimeOffset now, Dictionary<string, bool> toCheck)
    {
        var policy = group.Policy.Repair;
        int total = 0, unhealthy = 0;
        var due = new List<DueRepair>();
        foreach (var instance in group.Instances)
        {
            // A rollout's surge is judged by the rollout (it halts on a replacement that does not come up, where repair
            // would launch another); its drained nodes are on their way out.
            if (instance.IsFailedCreation || instance.Rollout is not RolloutStep.None || _warm.IsWarm(group.Id, instance.InstanceId))
            {
                continue;
            }

            if (instance.IsBeingRepaired)
            {
                total++;
                unhealthy++;
                continue;
            }

            if (instance.State == InstanceState.Deleting)
            {
                continue;
            }

            total++;
            toCheck[instance.InstanceId] = instance.State == InstanceState.Running;
            if (!_watches.TryGetValue(instance.InstanceId, out var watch))
            {
                _watches[instance.InstanceId] = watch = new InstanceWatch(now);
            }

            var node = _health.Find(instance.InstanceId);
            watch.Observe(node, now);
            var diagnosis = RepairDiagnosis.Diagnose(policy, watch, node, _sweep.PresenceOf(instance.InstanceId), now);
            if (diagnosis.IsUnhealthy)
            {
                unhealthy++;
                if (diagnosis.Due)
                {
                    due.Add(new DueRepair(instance.InstanceId, diagnosis.Reason!.Value, diagnosis.Detail));
                }
            }
        }

        return new GroupHealth(total, unhealthy, due);
    }

    /// <summary>Updates the group's brake, says so when it engages or releases, and returns whether it holds.</summary>
    private bool Brake(NodeGroup group, GroupHealth health)
    {
        var percent = group.Policy.Repair.MaxUnhealthyPercent;
        var allowed = RepairBrake.Allowed(health.Total, percent);
        switch (_brake.Update(group.Id, health.Unhealthy, health.Total, percent))
        {
            case BrakeChange.Engaged:
                Log.BrakeEngaged(_logger, group.Id, health.Unhealthy, health.Total, percent, allowed);
                break;
            case BrakeChange.Released:
                Log.BrakeReleased(_logger, group.Id, health.Unhealthy, health.Total, percent, allowed);
                break;
            case BrakeChange.None:
            default:
                break;
        }

        var engaged = _brake.IsEngaged(group.Id);
        _metrics.SetPaused(group.Id, engaged);
        return engaged;
    }

    private void StartReplacements(NodeGroup group, IReadOnlyList<DueRepair> due, CancellationToken cancellationToken)
    {
        var accepted = group.BeginRepair([.. due.Select(d => d.InstanceId)]).ToHashSet(StringComparer.Ordinal);
        foreach (var repair in due.Where(d => accepted.Contains(d.InstanceId)))
        {
            Log.Replacing(_logger, group.Id, repair.InstanceId, repair.Reason.Label(), repair.Detail);
            _metrics.RecordReplacement(group.Id, repair.Reason);
            _watches.Remove(repair.InstanceId);
        }

        if (accepted.Count > 0)
        {
            _work.Track(_replacer.ReplaceAsync(group, [.. accepted], cancellationToken), "replacement");
        }
    }
}
