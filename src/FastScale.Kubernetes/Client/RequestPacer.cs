using System.Threading.RateLimiting;

namespace FastScale.Kubernetes.Client;

/// <summary>QPS/burst pacing on a token bucket whose refills are driven by the injected clock, so simulated time and
/// tests advance it (the limiter's own auto-replenishment would run on the wall clock).</summary>
internal sealed class RequestPacer : IAsyncDisposable
{
    // Refill in ticks of at least 10 ms: a timer per token would be too fine for high QPS.
    private static readonly TimeSpan MinimumTick = TimeSpan.FromMilliseconds(10);

    private readonly TokenBucketRateLimiter? _limiter;
    private readonly ITimer? _timer;

    public RequestPacer(double qps, int burst, TimeProvider timeProvider)
    {
        if (qps <= 0)
        {
            return;
        }

        var tick = TimeSpan.FromSeconds(1 / qps);
        var tokensPerTick = 1;
        if (tick < MinimumTick)
        {
            tick = MinimumTick;
            tokensPerTick = (int)Math.Max(1, Math.Round(qps * MinimumTick.TotalSeconds));
        }

        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerTick,
            ReplenishmentPeriod = tick,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timer = timeProvider.CreateTimer(_ => _limiter.TryReplenish(), null, tick, tick);
    }

    /// <summary>Waits for a token; returns at once when pacing is off.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_limiter is null)
        {
            return;
        }

        // The queue is unbounded, so the only way not to get a token is cancellation, which throws.
        using var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        if (_limiter is not null)
        {
            await _limiter.DisposeAsync().ConfigureAwait(false);
        }
    }
}
