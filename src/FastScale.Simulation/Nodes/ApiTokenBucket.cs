namespace FastScale.Simulation.Nodes;

/// <summary>
/// One client's QPS/burst budget, as client-go's token bucket paces a kubelet or kube-scheduler: <c>burst</c> tokens,
/// refilled at <c>qps</c> a second, starting full. Cheap enough for one per simulated kubelet: no timer, the tokens are
/// computed when asked from the clock's timestamps, and a caller short of a token reserves it and waits on the clock.
/// Reserving (the balance may go negative) serves waiters in arrival order and keeps every request's start within
/// <c>burst + qps × t</c> of the bucket's creation.
/// </summary>
/// <remarks>Not <c>Client.RequestPacer</c> of FastScale.Kubernetes: it is internal there, and it refills on a timer per
/// bucket, which 1,000 kubelets cannot afford. Not System.Threading.RateLimiting's token bucket either: it replenishes
/// from Stopwatch time and cannot follow a simulated clock.</remarks>
internal sealed class ApiTokenBucket
{
    private readonly double _qps;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _countedAt;

    public ApiTokenBucket(double qps, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentNullException.ThrowIfNull(time);
        (_qps, _burst, _time) = (qps, burst, time);
        _tokens = burst;
        _countedAt = time.GetTimestamp();
    }

    /// <summary>A bucket for <paramref name="qps"/> and <paramref name="burst"/>, or null when <paramref name="qps"/> is 0
    /// (unpaced). The options were validated with <see cref="Validate"/>.</summary>
    public static ApiTokenBucket? For(double qps, int burst, TimeProvider time) => qps > 0 ? new ApiTokenBucket(qps, burst, time) : null;

    /// <summary>The problems of a QPS/burst pair of options, named as the options are.</summary>
    public static IEnumerable<string> Validate(string qpsName, double qps, string burstName, int burst)
    {
        if (double.IsNaN(qps) || double.IsInfinity(qps) || qps < 0)
        {
            yield return $"{qpsName} must be 0 (unpaced) or positive, got {qps}";
        }
        else if (qps > 0 && burst < 1)
        {
            yield return $"{burstName} must be at least 1 when {qpsName} is set, got {burst}";
        }
    }

    /// <summary>Takes a token, waiting on the clock until it is due. A cancelled wait does not give its token back
    /// (the next caller waits a little longer, which errs on the side of the limit).</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        return wait <= TimeSpan.Zero ? ValueTask.CompletedTask : new ValueTask(Task.Delay(wait, _time, cancellationToken));
    }

    /// <summary>Takes a token now and says how long until it is covered by the refill.</summary>
    private TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_countedAt, now).TotalSeconds * _qps));
            _countedAt = now;
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return TimeSpan.Zero;
            }

            // Rounded up to a whole tick, so a request never starts the fraction of a tick before its token exists; the
            // millionth of a tick forgiven keeps floating-point noise (0.3 s as 3,000,000.0000000005 ticks) from adding one.
            return TimeSpan.FromTicks((long)Math.Ceiling((-_tokens / _qps * TimeSpan.TicksPerSecond) - 1e-6));
        }
    }
}
