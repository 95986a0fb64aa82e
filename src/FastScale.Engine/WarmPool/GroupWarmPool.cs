using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// One group's warm pool: its instances by state, the refill launches in flight, and the flags that keep one upkeep
/// and one poll per group at a time. Every change is under one short lock; cloud calls are made by the caller.
/// </summary>
internal sealed class GroupWarmPool(NodeGroup group)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WarmInstance> _members = new(StringComparer.Ordinal);
    private int _launching;
    private DateTimeOffset _refillNotBefore = DateTimeOffset.MinValue;
    private DateTimeOffset _lastPoll = DateTimeOffset.MinValue;
    private bool _upkeepRunning;

    public string GroupId => group.Id;

    /// <summary>The size the group's policy asks for now: a reload that changes it takes effect at the next upkeep.</summary>
    public int Size => Math.Max(0, group.Policy.WarmPool.Size);

    /// <summary>The group's <c>warmPool.joinBeforePark</c>.</summary>
    public bool JoinBeforePark => group.Policy.WarmPool.JoinBeforePark;

    public bool Contains(string instanceId)
    {
        lock (_gate)
        {
            return _members.ContainsKey(instanceId);
        }
    }

    public IReadOnlyList<string> InstanceIds()
    {
        lock (_gate)
        {
            return [.. _members.Keys];
        }
    }

    public WarmPoolStatus Status()
    {
        lock (_gate)
        {
            var counts = new int[Enum.GetValues<WarmInstanceState>().Length];
            var keepCharging = 0;
            var joined = 0;
            foreach (var member in _members.Values)
            {
                counts[(int)member.State]++;
                keepCharging += member is { State: WarmInstanceState.Ready, KeepsCharging: true } ? 1 : 0;
                joined += member is { State: WarmInstanceState.Ready, Joining: true } ? 1 : 0;
            }

            return new WarmPoolStatus(GroupId, Size,
                counts[(int)WarmInstanceState.Creating], counts[(int)WarmInstanceState.Warming], counts[(int)WarmInstanceState.Stopping],
                counts[(int)WarmInstanceState.Ready], counts[(int)WarmInstanceState.Starting], counts[(int)WarmInstanceState.Releasing],
                _launching, keepCharging, joined);
        }
    }

    public IReadOnlyList<WarmInstance> InState(params ReadOnlySpan<WarmInstanceState> states)
    {
        var found = new List<WarmInstance>();
        lock (_gate)
        {
            foreach (var member in _members.Values)
            {
                if (IsOneOf(member.State, states))
                {
                    found.Add(member);
                }
            }
        }

        return found;
    }

    public void Add(WarmInstance instance)
    {
        lock (_gate)
        {
            _members.TryAdd(instance.InstanceId, instance);
        }
    }

    /// <summary>Moves an instance to <paramref name="state"/> if it is still in one of <paramref name="from"/>; false otherwise.</summary>
    public bool Move(string instanceId, WarmInstanceState state, DateTimeOffset now, params ReadOnlySpan<WarmInstanceState> from)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(instanceId, out var member) || !IsOneOf(member.State, from))
            {
                return false;
            }

            if (member.State != state)
            {
                _members[instanceId] = member with { State = state, Since = now };
            }

            return true;
        }
    }

    /// <summary>
    /// Records what the cloud says of a creating or stopping instance. Members in any other state are left alone.
    /// True when this read is the first to show the instance parked in standard mode (KeepCharging): billed as running.
    /// </summary>
    public bool Observe(CloudInstance seen, DateTimeOffset now, TimeSpan staleReadGrace)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(seen.InstanceId, out var member) || member.State is not (WarmInstanceState.Creating or WarmInstanceState.Stopping))
            {
                return false;
            }

            var state = WarmPoolRecovery.PoolStateOf(seen.Status);
            if (member.State == WarmInstanceState.Stopping && state is WarmInstanceState.Warming or WarmInstanceState.Creating
                && now - member.Since < staleReadGrace)
            {
                // A stop was accepted moments ago; a Running read is most likely from before it.
                state = WarmInstanceState.Stopping;
            }

            var since = state == member.State ? member.Since : now;

            // Read back rather than assumed: ECS stops an instance that does not qualify for economical mode (not
            // pay-as-you-go, not in a VPC, not offered to the account) in standard mode, whatever the call asked for.
            var keepsCharging = state == WarmInstanceState.Ready && seen.StoppedMode == CloudStoppedMode.KeepCharging;
            _members[seen.InstanceId] = member with
            {
                State = state, Since = since, InstanceType = seen.InstanceType, ZoneId = seen.ZoneId, KeepsCharging = keepsCharging,
                Origin = InstanceOrigin.Of(seen),
            };
            return keepsCharging && !member.KeepsCharging;
        }
    }

    /// <summary>Marks a Warming instance as let join before it parks; false when it is no longer Warming.</summary>
    public bool MarkJoining(string instanceId)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(instanceId, out var member) || member.State != WarmInstanceState.Warming)
            {
                return false;
            }

            _members[instanceId] = member with { Joining = true };
            return true;
        }
    }

    /// <summary>
    /// Members whose Node is, or will be, registered while they wait stopped: those let join, and parked ones whose Node
    /// <paramref name="hasNode"/> finds (a restart forgets who was let join; the cluster remembers). Taken and released
    /// ones have left the pool.
    /// </summary>
    public int CountParkedNodes(Func<string, bool> hasNode)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var member in _members.Values)
            {
                count += member.State switch
                {
                    WarmInstanceState.Starting or WarmInstanceState.Releasing => 0,
                    _ when member.Joining => 1,
                    WarmInstanceState.Stopping or WarmInstanceState.Ready when hasNode(member.InstanceId) => 1,
                    _ => 0,
                };
            }

            return count;
        }
    }

    /// <summary>Removes an instance that is still in one of <paramref name="states"/>.</summary>
    public bool RemoveIfIn(string instanceId, params ReadOnlySpan<WarmInstanceState> states)
    {
        lock (_gate)
        {
            return _members.TryGetValue(instanceId, out var member) && IsOneOf(member.State, states) && _members.Remove(instanceId);
        }
    }

    public bool Remove(string instanceId)
    {
        lock (_gate)
        {
            return _members.Remove(instanceId);
        }
    }

    /// <summary>Takes up to <paramref name="count"/> Ready instances for a scale-out: they move to Starting.</summary>
    public IReadOnlyList<WarmInstance> TakeReady(int count, DateTimeOffset now)
    {
        lock (_gate)
        {
            // Only instances of the current template: a scale-out (or a rollout's surge) must get what the policy says today.
            var hash = NodeTemplateHash.Of(group.Policy);
            var taken = _members.Values.Where(m => m.State == WarmInstanceState.Ready && !IsDrifted(m, hash)).Take(count).ToList();
            foreach (var member in taken)
            {
                _members[member.InstanceId] = member with { State = WarmInstanceState.Starting, Since = now };
            }

            return taken;
        }
    }

    /// <summary>Ready instances beyond the pool's size (the policy shrank, or recovery found more) move to Releasing.</summary>
    public int MarkSurplus(DateTimeOffset now)
    {
        lock (_gate)
        {
            var surplus = FillingCount() - Size;
            var marked = 0;
            foreach (var member in _members.Values.Where(m => m.State == WarmInstanceState.Ready).Take(Math.Max(0, surplus)).ToList())
            {
                _members[member.InstanceId] = member with { State = WarmInstanceState.Releasing, Since = now };
                marked++;
            }

            return marked;
        }
    }

    /// <summary>
    /// Ready instances of an older template move to Releasing, for the refill to replace: a rollout of the pool itself,
    /// done by the upkeep at the warm pool's priority, so it never competes with a scale-out or the rollout of nodes.
    /// </summary>
    public int MarkDrifted(DateTimeOffset now)
    {
        lock (_gate)
        {
            var hash = NodeTemplateHash.Of(group.Policy);
            var marked = 0;
            foreach (var member in _members.Values.Where(m => m.State == WarmInstanceState.Ready && IsDrifted(m, hash)).ToList())
            {
                _members[member.InstanceId] = member with { State = WarmInstanceState.Releasing, Since = now };
                marked++;
            }

            return marked;
        }
    }

    /// <summary>How many instances to launch to bring the pool to its size, reserved until <see cref="CompleteRefill"/>.</summary>
    public int ReserveRefill(DateTimeOffset now)
    {
        lock (_gate)
        {
            var missing = Size - FillingCount();
            if (missing <= 0 || now < _refillNotBefore)
            {
                return 0;
            }

            _launching += missing;
            return missing;
        }
    }

    /// <summary>
/// Adds the launched instances as Creating; a refill that left slots empty waits <paramref name="retryDelay"/>. A null
/// <paramref name="outcome"/>: the launch ended without one (cancelled), and only the reservation is given back.
/// </summary>
    public void CompleteRefill(int reserved, LaunchOutcome? outcome, DateTimeOffset now, TimeSpan retryDelay)
    {
        lock (_gate)
        {
            _launching -= reserved;
            foreach (var id in outcome?.InstanceIds ?? [])
            {
                _members.TryAdd(id, new WarmInstance(id, WarmInstanceState.Creating, now) { Origin = outcome!.Origins.GetValueOrDefault(id) });
            }

            var leftSlotsEmpty = outcome?.FailedCount > 0;

            if (leftSlotsEmpty)
            {
                _refillNotBefore = now + retryDelay;
            }
        }
    }

    public bool TryBeginUpkeep()
    {
        lock (_gate)
        {
            if (_upkeepRunning)
            {
                return false;
            }

            _upkeepRunning = true;
            return true;
        }
    }

    public void EndUpkeep()
    {
        lock (_gate)
        {
            _upkeepRunning = false;
        }
    }

    /// <summary>True, and the poll recorded as started, when at least <paramref name="interval"/> passed since the last one.</summary>
    public bool TryBeginPoll(DateTimeOffset now, TimeSpan interval)
    {
        lock (_gate)
        {
            if (now - _lastPoll < interval)
            {
                return false;
            }

            _lastPoll = now;
            return true;
        }
    }

    private bool IsDrifted(WarmInstance member, string hash) => DriftDetector.Judge(group.Policy, member.Origin, hash).IsDrifted;

    private static bool IsOneOf(WarmInstanceState state, ReadOnlySpan<WarmInstanceState> states)
    {
        foreach (var candidate in states)
        {
            if (candidate == state)
            {
                return true;
            }
        }

        return false;
    }

    private int FillingCount()
    {
        var count = _launching;
        foreach (var member in _members.Values)
        {
            if (member.State is not (WarmInstanceState.Starting or WarmInstanceState.Releasing))
            {
                count++;
            }
        }

        return count;
    }
}
