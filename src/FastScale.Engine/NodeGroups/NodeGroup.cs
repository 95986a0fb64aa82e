using System.Globalization;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// One node group's state: its target size and its instances. Every autoscaler call on a group is answered from
/// here, in memory, under one short lock; the cloud work the answers imply is done later by the reconciler.
/// </summary>
/// <remarks>
/// The group owns its instance records (<see cref="GroupInstance"/>, one per slot, moving through
/// <see cref="InstanceLifecycle"/>); the registry's index by instance id is written only here, in the same change as
/// the record, so the two cannot disagree. Every launch, whoever made it (scale-out, repair, a warm start), is recorded
/// through <see cref="CompleteLaunch"/>.
/// </remarks>
/// <remarks>
/// Accounting: an instance that is not being deleted occupies one slot of the target, whether it is creating,
/// running or a failed creation waiting for the autoscaler to give it up. Launches the cloud has not yet answered
/// are counted in <see cref="_launching"/> so a slow RunInstances never causes a second one for the same slot.
/// </remarks>
public sealed class NodeGroup
{
    private readonly Lock _gate = new();
    private readonly GroupInstanceTable _instances;
    private readonly string _region;
    private int _target;
    private int _launching;
    private long _failedSequence;
    private volatile Shape _shape;

    internal NodeGroup(NodeGroupPolicy policy, NodeTemplate template, string region, InstanceIndex index)
    {
        _shape = new Shape(policy, template);
        _region = region;
        _instances = new GroupInstanceTable(this, index);
        _target = policy.MinSize;
    }

    public string Id => Policy.Id;

    /// <summary>The group's policy in force now; a reload swaps it, so read it when acting rather than keeping it.</summary>
    public NodeGroupPolicy Policy => _shape.Policy;

    /// <summary>What a new node looks like now; swapped together with <see cref="Policy"/>, so the two always agree.</summary>
    public NodeTemplate Template => _shape.Template;

    public int TargetSize { get { lock (_gate) { return _target; } } }

    /// <summary>Instances in their current state; the array is shared until the next change, so repeated reads are free.</summary>
    public IReadOnlyList<GroupInstance> Instances
    {
        get
        {
            lock (_gate)
            {
                return _instances.Snapshot;
            }
        }
    }

    public EngineError? IncreaseSize(int delta)
    {
        if (delta <= 0)
        {
            return new EngineError(EngineErrorKind.InvalidArgument, $"delta must be positive, got {delta}");
        }

        lock (_gate)
        {
            if ((long)_target + delta > Policy.MaxSize)
            {
                return new EngineError(EngineErrorKind.FailedPrecondition,
                    $"size increase too large: target {_target} + {delta} exceeds max size {Policy.MaxSize} of node group '{Id}'");
            }

            _target += delta;
            return null;
        }
    }

    public EngineError? DecreaseTargetSize(int delta)
    {
        if (delta >= 0)
        {
            return new EngineError(EngineErrorKind.InvalidArgument, $"delta must be negative, got {delta}");
        }

        lock (_gate)
        {
            var committed = _instances.LiveCount() + _launching;
            if ((long)_target + delta < committed)
            {
                return new EngineError(EngineErrorKind.FailedPrecondition,
                    $"attempt to delete existing nodes: target {_target} {delta} is below the {committed} instances that exist or are being created in node group '{Id}'");
            }

            _target += delta;
            return null;
        }
    }

    /// <summary>
    /// Marks instances for deletion and shrinks the target by their number. All or nothing: if any named instance
    /// is not in this group, nothing changes.
    /// </summary>
    public EngineError? Delete(IReadOnlyList<string> instanceIds)
    {
        lock (_gate)
        {
            var missing = instanceIds.Where(id => !_instances.Contains(id)).ToList();
            if (missing.Count > 0)
            {
                return new EngineError(EngineErrorKind.FailedPrecondition,
                    $"node(s) {string.Join(", ", missing)} do not belong to node group '{Id}'; nothing was deleted");
            }

            foreach (var id in instanceIds.Distinct(StringComparer.Ordinal))
            {
                var instance = _instances[id];
                if (instance.Lifecycle == InstanceLifecycle.Deleting)
                {
                    continue;
                }

                _target = Math.Max(0, _target - 1);
                if (instance.IsFailedCreation)
                {
                    // Nothing exists in the cloud: giving up the slot is the whole deletion.
                    _instances.Remove(id);
                }
                else
                {
                    _instances.Set(instance with { Lifecycle = InstanceLifecycle.Deleting, Rollout = RolloutStep.None });
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Starts replacing instances: each is marked Deleting (so the autoscaler stops counting it) and one launch is
    /// reserved in its place, so the target stays and the reconciler does not launch for the slot a second time.
    /// Returns the ids accepted; instances unknown, already deleting or failed creations are skipped.
    /// </summary>
    internal IReadOnlyList<string> BeginRepair(IReadOnlyList<string> instanceIds)
    {
        var accepted = new List<string>(instanceIds.Count);
        lock (_gate)
        {
            foreach (var id in instanceIds)
            {
                if (_instances.TryGet(id, out var instance) && instance.Lifecycle != InstanceLifecycle.Deleting && !instance.IsFailedCreation)
                {
                    _instances.Set(instance with { Lifecycle = InstanceLifecycle.Deleting, IsBeingRepaired = true, Rollout = RolloutStep.None });
                    _launching++;
                    accepted.Add(id);
                }
            }
        }

        return accepted;
    }

    /// <summary>Rollout: raises the target by <paramref name="count"/> and reserves the launches, which the rollout makes itself.</summary>
    internal void BeginSurge(int count)
    {
        lock (_gate)
        {
            _target += count;
            _launching += count;
        }
    }

    /// <summary>
    /// Rollout: moves a live instance to <paramref name="step"/>; false when it is gone, failed or being deleted.
    /// <see cref="RolloutStep.Retired"/> takes it out of the group like the autoscaler's delete (its slot leaves the
    /// target), but the rollout releases it, at its own priority.
    /// </summary>
    internal bool MarkRollout(string instanceId, RolloutStep step)
    {
        lock (_gate)
        {
            if (!_instances.TryGet(instanceId, out var instance) || instance.Lifecycle is InstanceLifecycle.Deleting or InstanceLifecycle.Failed)
            {
                return false;
            }

            if (step == RolloutStep.Retired)
            {
                _target = Math.Max(0, _target - 1);
                instance = instance with { Lifecycle = InstanceLifecycle.Deleting };
            }

            _instances.Set(instance with { Rollout = step });
            return true;
        }
    }

    /// <summary>How many instances the reconciler should launch now, reserved as in flight until <see cref="CompleteLaunch"/>.</summary>
    internal int ReserveLaunch(int maxBatch)
    {
        lock (_gate)
        {
            var deficit = Math.Min(maxBatch, _target - _instances.LiveCount() - _launching);
            if (deficit <= 0)
            {
                return 0;
            }

            _launching += deficit;
            return deficit;
        }
    }

    /// <summary>
    /// True while the group still has scale-out work: launches reserved and not answered, or a target above the
    /// instances it holds. The warm pool refills only when this is false, so refill never competes with a burst.
    /// </summary>
    internal bool HasScaleOutWork
    {
        get
        {
            lock (_gate)
            {
                return _launching > 0 || _target > _instances.LiveCount();
            }
        }
    }

    /// <summary>
    /// The one way a launch is recorded, whoever made it: the instances the cloud accepted become Launched records, and
    /// each slot it could not fill becomes a Failed record carrying the error the autoscaler reads (errorInfo); the
    /// <paramref name="reserved"/> slots stop counting as in flight. A caller that will not record failures (a warm
    /// start hands its unfilled slots to a cold launch) passes an outcome with none.
    /// </summary>
    internal void CompleteLaunch(int reserved, LaunchOutcome outcome, long? launchBatch = null, RolloutStep rollout = RolloutStep.None)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var accepted = new List<string>(outcome.InstanceIds.Count);
        lock (_gate)
        {
            _launching -= reserved;
            foreach (var instanceId in outcome.InstanceIds)
            {
                var record = new GroupInstance(instanceId, ProviderIds.Format(_region, instanceId), InstanceLifecycle.Launched)
                {
                    LaunchBatch = launchBatch, Origin = outcome.Origins.GetValueOrDefault(instanceId), Rollout = rollout,
                };
                if (_instances.Add(record))
                {
                    accepted.Add(instanceId);
                }
            }

            if (outcome.FailedCount > 0)
            {
                var error = InstanceError.From(outcome.FailureError!);
                for (var i = 0; i < outcome.FailedCount; i++)
                {
                    var placeholder = $"fastscale-failed-{Id}-{(++_failedSequence).ToString(CultureInfo.InvariantCulture)}";
                    _instances.Add(new GroupInstance(placeholder, placeholder, InstanceLifecycle.Failed, error) { Rollout = rollout });
                }
            }
        }

        // Outside the lock: an observer must never hold up the autoscaler's reads of this group.
        if (Launched is { } launched && accepted.Count > 0)
        {
            launched(this, accepted);
        }
    }

    /// <summary>Gives reserved slots back unfilled (the launch was cancelled, or a bug): the reservation cannot leak.</summary>
    internal void CancelLaunch(int reserved)
    {
        lock (_gate)
        {
            _launching -= reserved;
        }
    }

    /// <summary>Set once by the registry: instances the cloud has just accepted (created, or started from a warm pool).</summary>
    internal Action<NodeGroup, IReadOnlyList<string>>? Launched { get; set; }

    /// <summary>Adopts an instance found in the cloud at start-up (or by a later sweep) and keeps the target covering it.</summary>
    internal void Adopt(CloudInstance instance)
    {
        lock (_gate)
        {
            if (_instances.Add(FromCloud(instance)))
            {
                _target = Math.Max(_target, _instances.LiveCount());
            }
        }
    }

    /// <summary>
    /// Makes the group exactly what the cloud holds: instances it no longer has are dropped, new ones adopted, states
    /// refreshed, and the target set to the live instances (at least the group's minimum). Used by a follower to keep
    /// its reads current, and by a new leader before it acts: the autoscaler's targets were the old leader's, and the
    /// autoscaler asks again for what its pending pods still need. A Node's registration and readiness survive the
    /// refresh while the instance runs. Must not run while launches of this replica are reserved.
    /// </summary>
    internal void Sync(IReadOnlyList<CloudInstance> inCloud)
    {
        lock (_gate)
        {
            var present = inCloud.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            foreach (var id in _instances.Ids.Where(id => !present.Contains(id)).ToList())
            {
                _instances.Remove(id);
            }

            foreach (var instance in inCloud)
            {
                if (_instances.TryGet(instance.InstanceId, out var known))
                {
                    var lifecycle = known.Lifecycle is InstanceLifecycle.Deleting or InstanceLifecycle.Failed ? InstanceLifecycle.Launched : known.Lifecycle;
                    _instances.Set(known with
                    {
                        Lifecycle = lifecycle.AfterCloudStatus(instance.Status), Error = null, IsBeingRepaired = false, Rollout = RolloutStep.None,
                        LaunchBatch = instance.LaunchBatch, Origin = InstanceOrigin.Of(instance),
                    });
                }
                else
                {
                    _instances.Add(FromCloud(instance));
                }
            }

            _launching = 0;
            _target = Math.Max(Policy.MinSize, _instances.LiveCount());
        }
    }

    /// <summary>What a read of the cloud said of one instance (a status poll).</summary>
    internal void ObserveCloud(string instanceId, CloudInstanceStatus status) =>
        Update(instanceId, i => i with { Lifecycle = i.Lifecycle.AfterCloudStatus(status) });

    /// <summary>
    /// What the cluster says of an instance's Node: none (gone or not yet), registered, or Ready. A registered Node's
    /// providerID becomes the instance's <see cref="GroupInstance.Id"/>, so the autoscaler, which matches instances to
    /// nodes by that exact string, matches clusters whose nodes say <c>alicloud://&lt;region&gt;.&lt;id&gt;</c> too.
    /// </summary>
    public void ObserveNode(string instanceId, string? providerId, bool registered, bool ready) =>
        Update(instanceId, i => i with
        {
            Lifecycle = i.Lifecycle.AfterNode(registered, ready),
            Id = registered && !string.IsNullOrEmpty(providerId) && !i.IsFailedCreation ? providerId : i.Id,
        });

    /// <summary>Drops records of instances the cloud has released.</summary>
    internal void Forget(IEnumerable<string> instanceIds)
    {
        lock (_gate)
        {
            foreach (var id in instanceIds)
            {
                _instances.Remove(id);
            }
        }
    }

    private void Update(string instanceId, Func<GroupInstance, GroupInstance> next)
    {
        lock (_gate)
        {
            if (_instances.TryGet(instanceId, out var instance) && next(instance) is var updated && updated != instance)
            {
                _instances.Set(updated);
            }
        }
    }

    private GroupInstance FromCloud(CloudInstance instance) =>
        new(instance.InstanceId, ProviderIds.Format(_region, instance.InstanceId), InstanceLifecycles.FromCloud(instance.Status))
        {
            LaunchBatch = instance.LaunchBatch,
            Origin = InstanceOrigin.Of(instance),
        };

    /// <summary>A reloaded policy for this group (same id). Instances and target are untouched; launches from now on use it.</summary>
    internal void Reshape(NodeGroupPolicy policy, NodeTemplate template) => _shape = new Shape(policy, template);

    private sealed record Shape(NodeGroupPolicy Policy, NodeTemplate Template);
}
