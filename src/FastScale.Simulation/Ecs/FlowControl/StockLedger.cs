namespace FastScale.Simulation.Ecs.FlowControl;

/// <summary>
/// A countable resource by key; a key with no entry is unlimited. The emulator keeps two: compute stock per
/// <c>instanceType@zone</c> (instances released, or stopped in StopCharging mode, hand their unit back) and free
/// private IPs per vSwitch (released instances hand theirs back). Thread-safe (faults may be injected while requests run).
/// </summary>
internal sealed class StockLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _available = new(StringComparer.Ordinal);

    public void Set(string key, int available)
    {
        lock (_lock)
        {
            _available[key] = Math.Max(0, available);
        }
    }

    public void Unlimit(string key)
    {
        lock (_lock)
        {
            _available.Remove(key);
        }
    }

    /// <summary>Remaining units, or null when unlimited.</summary>
    public int? Available(string key)
    {
        lock (_lock)
        {
            return _available.TryGetValue(key, out var n) ? n : null;
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> units; returns how many were taken.</summary>
    public int Take(string key, int wanted)
    {
        lock (_lock)
        {
            if (!_available.TryGetValue(key, out var n))
            {
                return wanted;
            }

            var taken = Math.Min(n, wanted);
            _available[key] = n - taken;
            return taken;
        }
    }

    public void Return(string key, int count)
    {
        lock (_lock)
        {
            if (_available.TryGetValue(key, out var n))
            {
                _available[key] = n + count;
            }
        }
    }
}
