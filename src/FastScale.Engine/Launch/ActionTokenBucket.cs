using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Launch;

/// <summary>
/// The token bucket of one cloud action: <c>Qps</c> tokens a second up to <c>Burst</c>, handed to waiters in priority
/// order; after a throttled answer, no token until the pause ends, then probing at a low rate until a few calls pass.
/// </summary>
/// <remarks>
/// Hand-written on purpose. System.Threading.RateLimiting's TokenBucketRateLimiter measures refills with the real
/// Stopwatch even when replenishment is manual, so it cannot run on an injected <see cref="TimeProvider"/>: neither in
/// simulated time (<c>fastscale plan</c> computes a 1,000-node burst in seconds) nor under a fake clock in tests. It also
/// queues only FIFO or LIFO, and has no notion of pausing until a wall-clock minute boundary, which is how ECS throttles.
/// Tokens are computed from <see cref="TimeProvider.GetTimestamp"/> at each use; one timer wakes the waiters when the
/// next token is due. Waiters are completed outside the lock and inline, so under a fake clock the work a token
/// unblocks runs inside <c>Advance</c>.
/// </remarks>
internal sealed class ActionTokenBucket : IDisposable
{
    private const double WholeToken = 1 - 1e-9;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter>[] _waiting = [new(), new(), new(), new()];
    private readonly string _action;
    private readonly double _qps;
    private readonly double _burst;
    private readonly double _probeQps;
    private readonly int _probesToRecover;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private double _tokens;
    private long _refilledAt;
    private long? _pausedUntil;
    private bool _probing;
    private int _probeSuccesses;
    private long _epoch;
    private int _waitingCount;

    public ActionTokenBucket(string action, ActionPacing pacing, CloudApiBudgetOptions options, TimeProvider time, ILogger logger)
    {
        _action = action;
        _qps = pacing.Qps > 0 ? pacing.Qps : PacingDefaults.For(action).Qps;
        _burst = Math.Max(1, pacing.Burst);
        _probeQps = Math.Min(options.ProbeQps, _qps);
        _probesToRecover = options.ProbeSuccessesToRecover;
        _time = time;
        _logger = logger;
        _tokens = _burst;
        _refilledAt = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((ActionTokenBucket)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public long Throttles { get; private set; }

    public bool IsPaused { get { lock (_gate) { return _pausedUntil is { } until && _time.GetTimestamp() < until; } } }

    public bool IsProbing { get { lock (_gate) { Refill(_time.GetTimestamp()); return _probing; } } }

    /// <summary>A permit for one call; waits (in priority order, FIFO within a priority) while no token is free.</summary>
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
    /// The answer to a permitted call. Throttled: pause until <see cref="CloudError.RetryAfter"/> when the cloud gave one,
    /// else until the next minute of the clock (ECS keeps an action throttled for the rest of the minute). A success while
    /// probing counts towards the full rate. True when this answer paused the action.
    /// </summary>
    public bool Report(ApiPermit permit, CloudError? error)
    {
        var paused = false;
        List<Waiter>? granted = null;
        lock (_gate)
        {
            if (error?.Kind == CloudErrorKind.Throttled)
            {
                if (permit.Epoch != _epoch)
                {
                    return false;
                }

                var pause = error.RetryAfter ?? UntilNextMinute();
                var now = _time.GetTimestamp();
                _epoch++;
                Throttles++;
                paused = true;
                _pausedUntil = now + ToTimestampTicks(pause);
                _probing = false;
                _tokens = 0;
                _refilledAt = now;
                Schedule(now);
                Log.ActionPaused(_logger, _action, pause.TotalSeconds, error.Code);
            }
            else if (error is null && _probing && permit.Epoch == _epoch && ++_probeSuccesses >= _probesToRecover)
            {
                _probing = false;
                Log.ActionRecovered(_logger, _action, _probeSuccesses);
                granted = Dispatch();
            }
        }

        Complete(granted);
        return paused;
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        List<Waiter>? granted;
        lock (_gate)
        {
            granted = Dispatch();
        }

        Complete(granted);
    }

    /// <summary>Hands free tokens to the highest-priority waiters and arms the timer for the rest. Under the lock.</summary>
    private List<Waiter>? Dispatch()
    {
        var now = _time.GetTimestamp();
        Refill(now);
        List<Waiter>? granted = null;
        while (_waitingCount > 0 && _tokens >= WholeToken)
        {
            var waiter = TakeFirstByPriority();
            _tokens = Math.Max(0, _tokens - 1);
            waiter.Permit = new ApiPermit(_action, _epoch);
            (granted ??= []).Add(waiter);
        }

        Schedule(now);
        return granted;
    }

    private void Refill(long now)
    {
        if (_pausedUntil is { } until)
        {
            if (now < until)
            {
                _tokens = 0;
                _refilledAt = now;
                return;
            }

            // The pause is over: one probe may go at once, the next ones at the probe rate.
            _pausedUntil = null;
            _probing = true;
            _probeSuccesses = 0;
            _tokens = 1;
            _refilledAt = until;
        }

        var (rate, capacity) = _probing ? (_probeQps, 1.0) : (_qps, _burst);
        var elapsedSeconds = (now - _refilledAt) / (double)_time.TimestampFrequency;
        _tokens = Math.Min(capacity, _tokens + (elapsedSeconds * rate));
        _refilledAt = now;
    }

    private void Schedule(long now)
    {
        if (_waitingCount == 0)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var dueTicks = _pausedUntil is { } until
            ? (until - now) * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency
            : (1 - _tokens) / (_probing ? _probeQps : _qps) * TimeSpan.TicksPerSecond;
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
            Schedule(_time.GetTimestamp());
        }

        waiter.Source.TrySetCanceled(cancellationToken);
    }

    private static void Complete(List<Waiter>? granted)
    {
        foreach (var waiter in granted ?? [])
        {
            waiter.Registration.Dispose();
            waiter.Source.TrySetResult(waiter.Permit);
        }
    }

    private TimeSpan UntilNextMinute()
    {
        var now = _time.GetUtcNow().UtcTicks;
        return TimeSpan.FromTicks(TimeSpan.TicksPerMinute - (now % TimeSpan.TicksPerMinute));
    }

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
