namespace FastScale.Simulation.VirtualTime;

/// <summary>
/// A clock for simulated time: time stands still until the driver moves it, and then jumps straight to the next due
/// timer instead of passing through the seconds between. Timer callbacks run on the driver's thread, inline, one at a
/// time; timers due at the same moment fire in the order they were armed, so a run is repeatable. This is what lets
/// <c>fastscale plan</c> compute a 1,000-node burst in a second or two of wall time with the engine's own code.
/// </summary>
/// <remarks>
/// <para>Unlike <c>FakeTimeProvider</c> (which a test advances by chosen steps), this clock is driven by
/// <see cref="RunNext"/>: "fire whatever is due next". A callback never runs inside <see cref="CreateTimer"/> or
/// <see cref="ITimer.Change"/>, even with a zero due time: it runs at the driver's next call, as a real timer's would
/// on another thread a moment later, so code that arms a timer under a lock does not re-enter itself.</para>
/// <para>Quiescence: the driver moves time only between callbacks, and assumes that when a callback returns, the work
/// it released has run too. That holds for code whose continuations complete inline (awaits on tasks that timer
/// callbacks complete, on a thread with no synchronization context); work that hops to the thread pool (Task.Run,
/// channels and semaphores that complete asynchronously) would race the clock. Such a hop is detected, not waited for:
/// once <see cref="BindToCurrentThread"/> names the driver's thread, every timer armed from another thread is counted
/// in <see cref="ForeignThreadCalls"/>, and a driver treats a non-zero count as a run it cannot vouch for.</para>
/// </remarks>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Arming, (long DueTicks, long Sequence)> _queue = new();
    private readonly long _startTicks;
    private long _nowTicks;
    private long _sequence;
    private int _ownerThread;
    private long _foreignThreadCalls;
    private long _fired;

    public VirtualTimeProvider(DateTimeOffset start)
    {
        _startTicks = start.UtcTicks;
        _nowTicks = start.UtcTicks;
    }

    /// <summary>Timer callbacks run so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Timers armed or changed from a thread other than the bound driver thread (see the remarks). Should be 0.</summary>
    public long ForeignThreadCalls => Interlocked.Read(ref _foreignThreadCalls);

    /// <summary>The moment the next armed timer is due; null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                DropStale();
                return _queue.TryPeek(out _, out var key) ? new DateTimeOffset(key.DueTicks, TimeSpan.Zero) : null;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _nowTicks) - _startTicks;

    /// <summary>Names the calling thread as the driver's, from now on (see the remarks on quiescence).</summary>
    public void BindToCurrentThread() => Volatile.Write(ref _ownerThread, Environment.CurrentManagedThreadId);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Fires the next due timer if it is due no later than <paramref name="limit"/>: time jumps to its due moment (never
    /// backwards), then its callback runs on this thread. False when no timer is due by the limit; time does not move.
    /// </summary>
    public bool RunNext(DateTimeOffset limit)
    {
        VirtualTimer timer;
        lock (_gate)
        {
            DropStale();
            if (!_queue.TryPeek(out var next, out var key) || key.DueTicks > limit.UtcTicks)
            {
                return false;
            }

            _queue.Dequeue();
            timer = next.Timer;
            if (key.DueTicks > _nowTicks)
            {
                Interlocked.Exchange(ref _nowTicks, key.DueTicks);
            }

            // A periodic timer is re-armed before its callback runs, so a Change inside the callback wins.
            timer.Generation++;
            timer.Armed = false;
            if (timer.Period > TimeSpan.Zero)
            {
                ArmLocked(timer, key.DueTicks + timer.Period.Ticks);
            }
        }

        Interlocked.Increment(ref _fired);
        timer.Fire();
        return true;
    }

    /// <summary>Fires every timer due up to <paramref name="until"/>, in order, then sets the clock to it.</summary>
    public void AdvanceTo(DateTimeOffset until)
    {
        while (RunNext(until))
        {
        }

        lock (_gate)
        {
            if (until.UtcTicks > _nowTicks)
            {
                Interlocked.Exchange(ref _nowTicks, until.UtcTicks);
            }
        }
    }

    /// <summary>Fires every timer due within <paramref name="span"/> from now, then moves the clock by it.</summary>
    public void Advance(TimeSpan span) => AdvanceTo(GetUtcNow() + span);

    internal bool Change(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        }

        if (period != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        }

        CountForeignThread();
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            timer.Generation++;
            timer.Armed = false;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                ArmLocked(timer, _nowTicks + dueTime.Ticks);
            }

            return true;
        }
    }

    internal void Dispose(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            timer.Generation++;
            timer.Armed = false;
        }
    }

    private void ArmLocked(VirtualTimer timer, long dueTicks)
    {
        timer.Armed = true;
        _queue.Enqueue(new Arming(timer, timer.Generation), (dueTicks, _sequence++));
    }

    /// <summary>Changed and disposed timers leave their old entries behind; they are skipped here rather than searched out.</summary>
    private void DropStale()
    {
        while (_queue.TryPeek(out var next, out _) && (next.Generation != next.Timer.Generation || !next.Timer.Armed))
        {
            _queue.Dequeue();
        }
    }

    private void CountForeignThread()
    {
        var owner = Volatile.Read(ref _ownerThread);
        if (owner != 0 && owner != Environment.CurrentManagedThreadId)
        {
            Interlocked.Increment(ref _foreignThreadCalls);
        }
    }

    private readonly record struct Arming(VirtualTimer Timer, long Generation);
}
