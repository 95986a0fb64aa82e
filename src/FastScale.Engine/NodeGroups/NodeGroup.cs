using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// One node group's state: its target size and its instances. Every autoscaler call on a group is answered from
/// here, in memory, under one short lock; the cloud work the answers imply is done later by the reconciler.
/// </summary>
/// <remarks>
/// Accounting: an instance that is not being deleted occupies one slot of the target, whether it is creating,
/// running or a failed creation waiting for the autoscaler to give it up. Launches the cloud has not yet answered
/// are counted in <see cref="_launching"/> so a slow RunInstances never causes a second one for the same slot.
/// </remarks>
public sealed class NodeGroup
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GroupInstance> _instances = new(StringComparer.Ordinal);
    private int _target;
    private int _launching;
    private GroupInstance[]? _snapshot;

    internal NodeGroup(NodeGroupPolicy policy, NodeTemplate template)
    {
        Policy = policy;
        Template = template;
        _target = policy.MinSize;
    }

    public string Id => Policy.Id;
    public NodeGroupPolicy Policy { get; }
    public NodeTemplate Template { get; }

    public int TargetSize { get { lock (_gate) { return _target; } } }

    /// <summary>Instances in their current state; the array is shared until the next change, so repeated reads are free.</summary>
    public IReadOnlyList<GroupInstance> Instances
    {
        get
        {
            lock (_gate)
            {
                return _snapshot ??= [.. _instances.Values];
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
            var committed = LiveCount() + _launching;
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
            var missing = instanceIds.Where(id => !_instances.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                return new EngineError(EngineErrorKind.FailedPrecondition,
                    $"node(s) {string.Join(", ", missing)} do not belong to node group '{Id}'; nothing was deleted");
            }

            foreach (var id in instanceIds.Distinct(StringComparer.Ordinal))
            {
                var instance = _instances[id];
                if (instance.State == InstanceState.Deleting)
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
                    _instances[id] = instance with { State = InstanceState.Deleting };
                }
            }

            _snapshot = null;
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
                if (_instances.TryGetValue(id, out var instance) && instance.State != InstanceState.Deleting && !instance.IsFailedCreation)
                {
                    _instances[id] = instance with { State = InstanceState.Deleting, IsBeingRepaired = true };
                    _launching++;
                    accepted.Add(id);
                }
            }

            _snapshot = null;
        }

        return accepted;
    }

    /// <summary>How many instances the reconciler should launch now, reserved as in flight until <see cref="CompleteLaunch"/>.</summary>
    internal int ReserveLaunch(int maxBatch)
    {
        lock (_gate)
        {
            var deficit = Math.Min(maxBatch, _target - LiveCount() - _launching);
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
                return _launching > 0 || _target > LiveCount();
            }
        }
    }

    /// <summary>Records the outcome of a reserved launch: instances the cloud accepted, and failed slots with their error.</summary>
    internal void CompleteLaunch(int reserved, IReadOnlyList<GroupInstance> created)
    {
        lock (_gate)
        {
            _launching -= reserved;
            foreach (var instance in created)
            {
                _instances.TryAdd(instance.InstanceId, instance);
            }

            _snapshot = null;
        }

        // Outside the lock: an observer must never hold up the autoscaler's reads of this group.
        if (Launched is { } launched && created.Any(i => !i.IsFailedCreation))
        {
            launched(this, [.. created.Where(i => !i.IsFailedCreation).Select(i => i.InstanceId)]);
        }
    }

    /// <summary>Set once by the registry: instances the cloud has just accepted (created, or started from a warm pool).</summary>
    internal Action<NodeGroup, IReadOnlyList<string>>? Launched { get; set; }

    /// <summary>Adopts an instance found in the cloud at start-up (or by a later sweep) and keeps the target covering it.</summary>
    internal void Adopt(GroupInstance instance)
    {
        lock (_gate)
        {
            if (_instances.TryAdd(instance.InstanceId, instance))
            {
                _target = Math.Max(_target, LiveCount());
                _snapshot = null;
            }
        }
    }

    /// <summary>
    /// Makes the group exactly what the cloud holds: instances it no longer has are dropped, new ones adopted, states
    /// refreshed, and the target set to the live instances (at least the group's minimum). Used by a follower to keep
    /// its reads current, and by a new leader before it acts: the autoscaler's targets were the old leader's, and the
    /// autoscaler asks again for what its pending pods still need. Returns the ids dropped, for the caller's index.
    /// Must not run while launches of this replica are reserved.
    /// </summary>
    internal IReadOnlyList<string> Sync(IReadOnlyList<GroupInstance> inCloud)
    {
        lock (_gate)
        {
            var present = inCloud.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            var dropped = _instances.Keys.Where(id => !present.Contains(id)).ToList();
            foreach (var id in dropped)
            {
                _instances.Remove(id);
            }

            foreach (var instance in inCloud)
            {
                _instances[instance.InstanceId] = _instances.TryGetValue(instance.InstanceId, out var known)
                    ? known with { State = instance.State, Error = null, IsBeingRepaired = false }
                    : instance;
            }

            _launching = 0;
            _target = Math.Max(Policy.MinSize, LiveCount());
            _snapshot = null;
            return dropped;
        }
    }

    internal void SetState(string instanceId, InstanceState state)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var instance) && instance.State != state && instance.State != InstanceState.Deleting)
            {
                _instances[instanceId] = instance with { State = state };
                _snapshot = null;
            }
        }
    }

    internal void Forget(IEnumerable<string> instanceIds)
    {
        lock (_gate)
        {
            foreach (var id in instanceIds)
            {
                _instances.Remove(id);
            }

            _snapshot = null;
        }
    }

    private int LiveCount()
    {
        var live = 0;
        foreach (var instance in _instances.Values)
        {
            if (instance.State != InstanceState.Deleting)
            {
                live++;
            }
        }

        return live;
    }
}
