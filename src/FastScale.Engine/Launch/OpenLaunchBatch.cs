using FastScale.Engine.Policy;

namespace FastScale.Engine.Launch;

/// <summary>
/// A launch batch whose size is not fixed yet: later increases of the same group join it (up to 100 instances) until
/// it is sealed, which happens when its first RunInstances call gets its permit, or when it is given up. From then on
/// it is an ordinary <see cref="LaunchBatch"/>, so its ClientToken (which hashes the amount) never changes between
/// retries of one call.
/// </summary>
/// <remarks>
/// Why: pods that trickle in a few tens of milliseconds apart become one small increase each. Each queuing a call of
/// its own would turn a 1,000-node scale-out into hundreds of calls, the naive baseline again under a tight account
/// limit. Joining the call that is still waiting costs those pods nothing: it goes no later than it would have anyway.
/// </remarks>
public sealed class OpenLaunchBatch
{
    private readonly Lock _lock = new();
    private readonly string _clusterId;
    private readonly NodeGroupPolicy _group;
    private readonly TaskCompletionSource _full = new();
    private int _amount;
    private LaunchBatch? _sealed;

    public OpenLaunchBatch(string clusterId, NodeGroupPolicy group, long number, int amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Cloud.LaunchRequest.MaxAmount);
        (_clusterId, _group, Number, _amount) = (clusterId, group, number, amount);
        if (amount == Cloud.LaunchRequest.MaxAmount)
        {
            _full.TrySetResult();
        }
    }

    public long Number { get; }

    public NodeGroupPolicy Group => _group;

    /// <summary>The instances asked of it so far; final once <see cref="IsSealed"/>.</summary>
    public int Amount
    {
        get
        {
            lock (_lock)
            {
                return _amount;
            }
        }
    }

    public bool IsSealed
    {
        get
        {
            lock (_lock)
            {
                return _sealed is not null;
            }
        }
    }

    public bool IsFull => Amount >= Cloud.LaunchRequest.MaxAmount;

    /// <summary>Completes when joins fill it to 100: a full batch has nothing left to wait for.</summary>
    public Task Full => _full.Task;

    /// <summary>Adds up to <paramref name="slots"/> instances; returns how many it took (0 once sealed or full).</summary>
    public int TryJoin(int slots)
    {
        int taken;
        bool filled;
        lock (_lock)
        {
            if (_sealed is not null || slots <= 0)
            {
                return 0;
            }

            taken = Math.Min(slots, Cloud.LaunchRequest.MaxAmount - _amount);
            _amount += taken;
            filled = _amount == Cloud.LaunchRequest.MaxAmount;
        }

        if (filled)
        {
            // Outside the lock: the waiting launch may continue on this thread, into Seal.
            _full.TrySetResult();
        }

        return taken;
    }

    /// <summary>Fixes the amount; every later call returns the same batch.</summary>
    public LaunchBatch Seal()
    {
        lock (_lock)
        {
            return _sealed ??= new LaunchBatch(_clusterId, _group, Number, _amount);
        }
    }
}
