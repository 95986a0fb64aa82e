namespace FastScale.Burst;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than the one it wraps: emulated time for a burst that must finish
/// within minutes of wall time. Everything in the run (emulator, kubelets, provider, driver) shares one instance, so all
/// of them agree on emulated time; only real overheads (sockets, CPU) are stretched by the scale, which is why the report
/// states it.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _startUtc;
    private readonly long _startTimestamp;

    public ScaledTimeProvider(TimeProvider real, double scale)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1.0);
        _real = real;
        Scale = scale;
        _startUtc = real.GetUtcNow();
        _startTimestamp = real.GetTimestamp();
    }

    /// <summary>Emulated seconds per wall second.</summary>
    public double Scale { get; }

    public override DateTimeOffset GetUtcNow() =>
        _startUtc + TimeSpan.FromTicks((long)(_real.GetElapsedTime(_startTimestamp).Ticks * Scale));

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _startTimestamp + (long)((_real.GetTimestamp() - _startTimestamp) * Scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    private TimeSpan ToReal(TimeSpan emulated) =>
        emulated == Timeout.InfiniteTimeSpan || emulated <= TimeSpan.Zero ? emulated : TimeSpan.FromTicks(Math.Max(1, (long)(emulated.Ticks / Scale)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
