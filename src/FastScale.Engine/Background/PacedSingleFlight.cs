namespace FastScale.Engine.Background;

/// <summary>
/// Lets a recurring piece of work run one at a time, and start no sooner than <c>interval</c> after the previous run
/// started: how status reads respect ECS's "no faster than every 1-2 s" without a timer of their own.
/// </summary>
internal sealed class PacedSingleFlight(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private long? _lastStartedAt;
    private bool _running;

    /// <summary>True when a run may start now; the caller must then call <see cref="End"/> when it finishes.</summary>
    public bool TryBegin()
    {
        lock (_gate)
        {
            if (_running || (_lastStartedAt is { } last && time.GetElapsedTime(last) < interval))
            {
                return false;
            }

            _running = true;
            _lastStartedAt = time.GetTimestamp();
            return true;
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _running = false;
        }
    }
}
