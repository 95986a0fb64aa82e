using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Launch;

/// <summary>
/// The pacing of one cloud action, account-wide: permits at the action's <see cref="AdaptiveRate"/>, handed to waiters
/// in priority order. Three rules decide when a call may go:
/// <list type="number">
/// <item>A token bucket at the adaptive rate, holding at most the policy's burst (and no more than the rate's whole calls).</item>
/// <item>At most that many calls in any one second as the server counts them: a call occupies the window from its permit
/// until one second after its answer. ECS counts a call when it arrives, which is somewhere between the two, so however
/// the network delays calls, no second of the server's clock can see more than the rate.</item>
/// <item>Probing: after a throttle, and for the very first call (the account's real limit is unknown, and a burst into a
/// lower limit blocks the action for the rest of the minute), one call goes alone; the others wait for its answer.
/// A refused probe lowers the rate again and schedules the next one (see <see cref="CloudApiBudgetOptions.ProbeQps"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// Hand-written on purpose. System.Threading.RateLimiting's TokenBucketRateLimiter measures refills with the real
/// Stopwatch even when replenishment is manual, so it cannot run on an injected <see cref="TimeProvider"/>: neither in
/// simulated time (<c>fastscale plan</c>) nor under a fake clock in tests. It also queues only FIFO or LIFO, changes its
/// rate only by being replaced, and knows nothing of answers. One timer wakes the waiters when the next permit is due;
/// waiters are completed outside the lock and inline, so under a fake clock the work a permit unblocks runs inside
/// <c>Advance</c>.
/// </remarks>
internal sealed class ActionTokenBucket : IDisposable
{
    private const double WholeToken = 1 - 1e-9;
    private static readonly TimeSpan ServerWindow = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter>[] _waiting = [.. Enum.GetValues<ApiPriority>().Select(_ => new LinkedList<Waiter>())];
    private readonly Queue<long> _answeredAt = new();
    private readonly CloudAction _action;
    private int _burst;
    private readonly TimeSpan _probeInterval;
    private readonly AdaptiveRate _rate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private double _tokens;
    private long _refilledAt;
    private int _inFlight;
    private bool _probing = true;
    private bool _probeInFlight;
    private long _nextProbeAt;
    private int _throttlesThisMinute;
    private long _throttleMinute;
    private long _epoch;
    private int _waitingCount;

    public ActionTokenBucket(CloudAction action, ActionPacing pacing, CloudApiBudgetOptions options, TimeProvider time, ILogger logger)
    {
        _action = action;
        var qps = pacing.Qps > 0 ? pacing.Qps : PacingDefaults.For(action).Qps;
        _burst = Math.Max(1, pacing.Burst);
        _rate = new AdaptiveRate(qps, options, time);
        _probeInterval = TimeSpan.FromSeconds(1 / options.ProbeQps);
        _time = time;
        _logger = logger;
        _tokens = _burst;
        _refilledAt = time.GetTimestamp();
        _nextProbeAt = _refilledAt;
        _timer = time.CreateTimer(static state => ((ActionTokenBucket)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Throttles that lowered the rate (answers to calls made before a throttle do not count again).</summary>
    public long Throttles { get; private set; }

    /// <summary>Calls per second allowed now.</summary>
    public double CurrentQps { get { lock (_gate) { return _rate.Current; } } }

    /// <summary>True while the action waits for its next probe.</summary>
    public bool IsPaused { get { lock (_gate) { return _probing && !_probeInFlight && _time.GetTimestamp() < _nextProbeAt; } } }

    /// <summary>True until a probe is answered without a throttle (also before the action's first answer).</summary>
    public bool IsProbing { get { lock (_gate) { return _probing; } } }

    /// <summary>A permit for one call; waits (in priority order, FIFO within a priority) until the rules above allow it.</summary>
    public Task<ApiPermit> AcquireAsync(ApiPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter();
        List<Waiter>? granted;
        lock (_gate)
        {
            waiter.Node = _waiting[(int)priority].AddLast(waiter);
            _waitingCount++;
            granted = Dispatch();
        }

        Complete(granted);
        if (!waiter.Source.Task.IsCompleted && cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return waiter.Source.Task;
    }

    /// <summary>
    /// The answer to a permitted call. Throttled (and the permit is of the current epoch): the rate decreases, probing
    /// starts, the next probe waits <see cref="CloudError.RetryAfter"/> when the cloud gave one. Any other answer to a
    /// probe ends probing: the action goes on at its (lowered) rate. True when this answer lowered the rate.
    /// </summary>
    public bool Report(ApiPermit permit, CloudError? error)
    {
        var lowered = false;
        List<Waiter>? granted;
        lock (_gate)
        {
            var now = Answered(permit);
            if (error?.Kind == CloudErrorKind.Throttled)
            {
                if (permit.Epoch == _epoch)
                {
                    lowered = true;
                    Throttled(now, error);
                }
            }
            else if (_probing && permit.Probe && permit.Epoch == _epoch)
            {
                _probing = false;
                _throttlesThisMinute = 0;
                if (Throttles > 0)
                {
                    Log.ActionRecovered(_logger, _action, _rate.Current);
                }
            }

            granted = Dispatch();
        }

        Complete(granted);
        return lowered;
    }

    /// <summary>A permitted call that ended without an answer (cancelled): its place in the window is given back.</summary>
    public void Abandon(ApiPermit permit)
    {
        List<Waiter>? granted;
        lock (_gate)
        {
            Answered(permit);
            granted = Dispatch();
        }

        Complete(granted);
    }

    /// <summary>
    /// A reloaded policy's pacing, in place: permits already granted keep their epoch and their place in the window, and
    /// waiters are re-dispatched at once (a higher rate may free some now). Saved tokens never exceed the new burst.
    /// </summary>
    public void Repace(ActionPacing pacing)
    {
        List<Waiter>? granted;
        lock (_gate)
        {
            _rate.Rerate(pacing.Qps > 0 ? pacing.Qps : PacingDefaults.For(_action).Qps);
            _burst = Math.Max(1, pacing.Burst);
            _tokens = Math.Min(_tokens, _burst);
            granted = Dispatch();
        }

        Complete(granted);
    }

    public void Dispose() => _timer.Dispose();

    private long Answered(ApiPermit permit)
    {
        var now = _time.GetTimestamp();
        _inFlight = Math.Max(0, _inFlight - 1);
        _answeredAt.Enqueue(now);
        if (permit.Probe)
        {
            _probeInFlight = false;
        }

        return now;
    }

    private void Throttled(long now, CloudError error)
    {
        _epoch++;
        Throttles++;
        var rate = _rate.Decrease();
        _probing = true;
        _tokens = 0;
        _refilledAt = now;

        // Throttles are counted per minute of the clock: a new minute may have lifted the block, so the back-off
        // starts over instead of waiting long after a probe that merely came a little early.
        var minute = _time.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        _throttlesThisMinute = minute == _throttleMinute ? _throttlesThisMinute + 1 : 1;
        _throttleMinute = minute;
        var wait = error.RetryAfter ?? Min(_probeInterval * Math.Pow(2, Math.Max(0, _throttlesThisMinute - 2)), UntilNextMinute());
        _nextProbeAt = now + ToTimestampTicks(wait);
        Log.ActionThrottled(_logger, _action, error.Code, rate, wait.TotalSeconds);
    }

    private void OnTimer()
    {
        List<Waiter>? granted;
        lock (_gate)
        {
            granted = Dispatch();
        }

        Complete(granted);
    }

    /// <summary>Hands out the permits the rules allow, highest priority first, and arms the timer for the rest. Under the lock.</summary>
    private List<Waiter>? Dispatch()
    {
        var now = _time.GetTimestamp();
        var rate = _rate.Current;
        var perSecond = Math.Max(1, (int)Math.Floor(rate + 1e-9));
        Refill(now, rate, Math.Min(_burst, perSecond));
        ForgetOldAnswers(now);
        List<Waiter>? granted = null;
        while (_waitingCount > 0)
        {
            if (_probing)
            {
                if (_probeInFlight || now < _nextProbeAt)
                {
                    break;
                }

                _probeInFlight = true;
                _tokens = Math.Max(0, _tokens - 1);
                Grant(ref granted, probe: true);
                break;
            }

            if (_tokens < WholeToken || Occupied >= perSecond)
            {
                break;
            }

            _tokens = Math.Max(0, _tokens - 1);
            Grant(ref granted, probe: false);
        }

        Schedule(now, rate, perSecond);
        return granted;
    }

    private int Occupied => _inFlight + _answeredAt.Count;

    private void Grant(ref List<Waiter>? granted, bool probe)
    {
        var waiter = TakeFirstByPriority();
        _inFlight++;
        waiter.Permit = new ApiPermit(_action, _epoch, probe);
        (granted ??= []).Add(waiter);
    }

    private void Refill(long now, double rate, int capacity)
    {
        var elapsedSeconds = (now - _refilledAt) / (double)_time.TimestampFrequency;
        _tokens = Math.Min(capacity, _tokens + (Math.Max(0, elapsedSeconds) * rate));
        _refilledAt = now;
    }

    private void ForgetOldAnswers(long now)
    {
        var window = ToTimestampTicks(ServerWindow);
        while (_answeredAt.TryPeek(out var at) && now - at >= window)
        {
            _answeredAt.Dequeue();
        }
    }

    /// <summary>The timer for the next permit that only time can free; answers dispatch by themselves. Under the lock.</summary>
    private void Schedule(long now, double rate, int perSecond)
    {
        long? dueAt = null;
        if (_waitingCount > 0 && _probing && !_probeInFlight)
        {
            dueAt = _nextProbeAt;
        }
        else if (_waitingCount > 0 && !_probing)
        {
            var tokenDue = _tokens >= WholeToken ? now : now + ToTimestampTicks(TimeSpan.FromSeconds((1 - _tokens) / rate));
            var windowFull = Occupied >= perSecond;
            if (!windowFull)
            {
                dueAt = tokenDue;
            }
            else if (_answeredAt.Count > 0 && _inFlight < perSecond)
            {
                // The window frees when enough answers age out of it; with every place taken by calls in flight, an
                // answer has to come first and dispatches by itself.
                var freedAt = _answeredAt.ElementAt(Occupied - perSecond) + ToTimestampTicks(ServerWindow);
                dueAt = Math.Max(tokenDue, freedAt);
            }
        }

        if (dueAt is not { } due)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var dueTicks = (due - now) * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency;
        // Rounding error must not push the wake-up a tick late; a tick early only re-arms the timer for one more tick.
        _timer.Change(TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(dueTicks - 0.001))), Timeout.InfiniteTimeSpan);
    }

    private Waiter TakeFirstByPriority()
    {
        foreach (var queue in _waiting)
        {
            if (queue.First is { } first)
            {
                queue.RemoveFirst();
                _waitingCount--;
                return first.Value;
            }
        }

        throw new InvalidOperationException("no waiter although the count says there is one");
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is not { } queue)
            {
                return;
            }

            queue.Remove(waiter.Node);
            _waitingCount--;
            Schedule(_time.GetTimestamp(), _rate.Current, Math.Max(1, (int)Math.Floor(_rate.Current + 1e-9)));
        }

        waiter.Source.TrySetCanceled(cancellationToken);
    }

    /// <summary>
    /// Completes granted waiters with no synchronization context on the thread, so their awaits continue inline here
    /// even when the caller has one (a test runner's): under a fake clock the call a permit unblocks, and the answer
    /// that frees the next permit, then happen inside <c>Advance</c> rather than at some later point on the pool.
    /// </summary>
    private static void Complete(List<Waiter>? granted)
    {
        if (granted is null)
        {
            return;
        }

        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            foreach (var waiter in granted)
            {
                waiter.Registration.Dispose();
                waiter.Source.TrySetResult(waiter.Permit);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private TimeSpan UntilNextMinute()
    {
        var now = _time.GetUtcNow().UtcTicks;
        return TimeSpan.FromTicks(TimeSpan.TicksPerMinute - (now % TimeSpan.TicksPerMinute));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private long ToTimestampTicks(TimeSpan span) =>
        (long)Math.Ceiling(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private sealed class Waiter
    {
        // Inline continuations on purpose (see the remarks above); always completed outside the lock.
        public TaskCompletionSource<ApiPermit> Source { get; } = new();
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
        public ApiPermit Permit { get; set; }
    }
}
