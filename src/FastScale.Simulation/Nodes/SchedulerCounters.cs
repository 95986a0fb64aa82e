namespace FastScale.Simulation.Nodes;

/// <summary>What the simulated scheduler has done since it started. Thread-safe.</summary>
public sealed class SchedulerCounters
{
    private long _cycles;
    private long _podsBound;
    private long _bindFailures;
    private long _unschedulableUpdates;
    private long _lastPending;
    private long _lastCycleTicks;
    private long _firstUnschedulableTicks = long.MaxValue;

    public long Cycles => Interlocked.Read(ref _cycles);
    public long PodsBound => Interlocked.Read(ref _podsBound);
    public long BindFailures => Interlocked.Read(ref _bindFailures);

    /// <summary>Status writes of PodScheduled=False, Unschedulable.</summary>
    public long UnschedulableUpdates => Interlocked.Read(ref _unschedulableUpdates);

    /// <summary>When the API server first accepted a PodScheduled=False, Unschedulable write (on the injected clock): the
    /// moment the first pod of a burst became unschedulable. Null before any.</summary>
    public DateTimeOffset? FirstUnschedulableAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _firstUnschedulableTicks);
            return ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Kubernetes API writes the scheduler sent (binds and status patches), paced by its own budget.</summary>
    public long ApiRequests => Api.Requests;

    /// <summary>Of those, the ones the API server answered 429 Too Many Requests.</summary>
    public long ApiThrottled => Api.Throttled;

    /// <summary>Pending pods the last cycle looked at.</summary>
    public long LastPending => Interlocked.Read(ref _lastPending);

    /// <summary>How long the last cycle's decisions took to compute (not the API calls), on the injected clock.</summary>
    public TimeSpan LastCycleDuration => TimeSpan.FromTicks(Interlocked.Read(ref _lastCycleTicks));

    /// <summary>Where the scheduler's client counts its requests.</summary>
    internal ApiRequestCounts Api { get; } = new();

    internal void Cycle(int pending, TimeSpan planning)
    {
        Interlocked.Increment(ref _cycles);
        Interlocked.Exchange(ref _lastPending, pending);
        Interlocked.Exchange(ref _lastCycleTicks, planning.Ticks);
    }

    internal void Bound() => Interlocked.Increment(ref _podsBound);
    internal void BindFailed() => Interlocked.Increment(ref _bindFailures);
    internal void MarkedUnschedulable(DateTimeOffset at)
    {
        Interlocked.Increment(ref _unschedulableUpdates);
        var ticks = at.UtcTicks;
        var seen = Interlocked.Read(ref _firstUnschedulableTicks);
        while (ticks < seen)
        {
            var was = Interlocked.CompareExchange(ref _firstUnschedulableTicks, ticks, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }
    }
}
