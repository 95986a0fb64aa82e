namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// The region's finite provisioning throughput: instances start provisioning one after another, at most
/// <c>perSecond</c> a second; a request arriving while the queue is busy waits its turn. Pure arithmetic on timestamps
/// (no timers), so it works the same in real and simulated time. Thread-safe.
/// </summary>
public sealed class ProvisioningQueue(double perSecond)
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _spacing = perSecond > 0 ? TimeSpan.FromSeconds(1.0 / perSecond) : TimeSpan.Zero;
    private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

    /// <summary>Reserves a slot for one instance requested at <paramref name="requestedAt"/>; returns when it starts.</summary>
    public DateTimeOffset Admit(DateTimeOffset requestedAt)
    {
        lock (_lock)
        {
            var start = requestedAt > _nextFree ? requestedAt : _nextFree;
            _nextFree = start + _spacing;
            return start;
        }
    }
}
