namespace FastScale.Burst;

/// <summary>
/// Watches, during a run with faults, whether the provider's node view is current, on the run's clock, and collects the
/// fault figures at the end. Sampling (every <see cref="Interval"/> of emulated time) is cheap and good enough: the
/// outage is tens of seconds, the figure is reported to a tenth of one.
/// </summary>
internal sealed class FaultProbe(Func<bool> isCurrent, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The User-Agent of the provider's Kubernetes client (its first word, as <see cref="Simulation.Cluster.ClusterApiFaults"/> records it).</summary>
    public const string ProviderAgent = "fastscale";

    /// <summary>The burst's own readiness watch: spared by the faults, since it is the stopwatch, not part of the world.</summary>
    public const string ObserverAgent = "fastscale-burst-observer";

    private TimeSpan _blind;
    private DateTimeOffset? _blindFrom;
    private DateTimeOffset? _seenAgain;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = time.GetUtcNow();
        var wasCurrent = true;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, cancellationToken);
                var now = time.GetUtcNow();
                var current = isCurrent();
                if (!current || !wasCurrent)
                {
                    // The interval just ended counts as blind if the view was blind at either end of it.
                    _blind += now - last;
                }

                if (!current)
                {
                    _blindFrom ??= last;
                }
                else if (!wasCurrent)
                {
                    _seenAgain = now;
                }

                (last, wasCurrent) = (now, current);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public FaultFigures Figures(BurstWorld world, DateTimeOffset t0, long repairBlindPasses)
    {
        ArgumentNullException.ThrowIfNull(world);
        var api = world.Cluster.Faults;
        return new FaultFigures
        {
            BlindSeconds = _blind.TotalSeconds,
            BlindFromSeconds = _blindFrom is { } from ? BurstRunner.Seconds(from, t0) : null,
            SeenAgainSeconds = _seenAgain is { } again ? BurstRunner.Seconds(again, t0) : null,
            RepairBlindPasses = repairBlindPasses,
            ApiRequestsRefused = api.Refused,
            ApiWatchesCut = api.WatchesCut,
            ApiRequestsDelayed = api.Delayed,
            ApiWatchersDropped = world.Cluster.Counters.WatchersDropped,
            ApiWrites = api.Writes.ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal),
            EcsServerErrors = world.Ecs.Brownout.ServerErrors,
            EcsTimeouts = world.Ecs.Brownout.Timeouts,
        };
    }
}
