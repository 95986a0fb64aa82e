namespace FastScale.Simulation.Ecs.Signing;

/// <summary>
/// Nonces seen within the clock window: a replay inside it is refused; older nonces are forgotten, since a request that
/// old fails the timestamp check anyway. Thread-safe.
/// </summary>
internal sealed class NonceRegistry(TimeSpan window)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, DateTimeOffset At)> _order = new();

    /// <summary>Records the nonce; false when it was already used within the window.</summary>
    public bool TryUse(string nonce, DateTimeOffset now)
    {
        lock (_lock)
        {
            while (_order.TryPeek(out var oldest) && now - oldest.At > window * 2)
            {
                _order.Dequeue();
                _seen.Remove(oldest.Nonce);
            }

            if (!_seen.TryAdd(nonce, now))
            {
                return false;
            }

            _order.Enqueue((nonce, now));
            return true;
        }
    }
}
