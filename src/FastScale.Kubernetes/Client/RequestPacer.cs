namespace FastScale.Kubernetes.Client;

/// <summary>QPS/burst pacing: a token bucket of <c>burst</c> tokens refilled on a timer of the injected clock.</summary>
/// <remarks>Not System.Threading.RateLimiting's TokenBucketRateLimiter on purpose: in .NET 10 its manual
/// <c>TryReplenish</c> adds tokens in proportion to Stopwatch time elapsed, so it cannot follow a simulated clock
/// (a fake or a sped-up one would leave it starved). A semaphore filled by a TimeProvider timer follows any clock.</remarks>
internal sealed class RequestPacer : IAsyncDisposable
{
    // Refill in ticks of at least 10 ms: a timer per token would be too fine for high QPS.
    private static readonly TimeSpan MinimumTick = TimeSpan.FromMilliseconds(10);

    private readonly SemaphoreSlim? _tokens;
    private readonly ITimer? _timer;
    private readonly Lock _refill = new();
    private readonly int _burst;
    private readonly int _tokensPerTick;

    public RequestPacer(double qps, int burst, TimeProvider timeProvider)
    {
        if (qps <= 0)
        {
            return;
        }

        var tick = TimeSpan.FromSeconds(1 / qps);
        _tokensPerTick = 1;
        if (tick < MinimumTick)
        {
            tick = MinimumTick;
            _tokensPerTick = (int)Math.Max(1, Math.Round(qps * MinimumTick.TotalSeconds));
        }

        _burst = burst;
        _tokens = new SemaphoreSlim(burst, burst);
        _timer = timeProvider.CreateTimer(_ => Refill(), null, tick, tick);
    }

    /// <summary>Waits for a token (waiters are served as tokens arrive); returns at once when pacing is off.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            await _tokens.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _tokens?.Dispose();
    }

    private void Refill()
    {
        // Only this method adds tokens and it runs one at a time, so the count cannot pass the burst.
        lock (_refill)
        {
            var room = _burst - _tokens!.CurrentCount;
            if (room > 0)
            {
                _tokens.Release(Math.Min(room, _tokensPerTick));
            }
        }
    }
}
