namespace FastScale.Simulation.VirtualTime;

/// <summary>A timer of a <see cref="VirtualTimeProvider"/>; its state is guarded by the provider's lock.</summary>
internal sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    /// <summary>Bumped by every change, firing and disposal: queue entries of an older generation are stale.</summary>
    public long Generation { get; set; }

    public bool Armed { get; set; }

    public bool Disposed { get; set; }

    /// <summary>Zero for a one-shot timer.</summary>
    public TimeSpan Period { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => clock.Change(this, dueTime, period);

    public void Fire() => callback(state);

    public void Dispose() => clock.Dispose(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
