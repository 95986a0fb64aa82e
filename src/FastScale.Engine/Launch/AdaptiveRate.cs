namespace FastScale.Engine.Launch;

/// <summary>
/// The rate one cloud action is paced at, learnt from the cloud's answers: the configured QPS until a throttle, then
/// multiplicative decrease on every throttled answer (never below a floor), and after a quiet period without throttles
/// an additive climb back towards the configured QPS (never above it).
/// </summary>
/// <remarks>
/// Why learn at all: the account's real per-action limits are not published and are shared with every other caller of
/// the account, so the policy's QPS is a guess. Going back to it right after a throttle meets the same limit again, and
/// on ECS each throttle blocks the action for the rest of the minute. The decrease is steep and the climb slow for that
/// reason: one overshoot costs up to 60 s, far more than running a little under the limit for a while. The climb is a
/// pure function of the time since the last throttle, so the rate is the same whenever it is read.
/// </remarks>
internal sealed class AdaptiveRate
{
    private readonly TimeProvider _time;
    private readonly double _decreaseFactor;
    private readonly TimeSpan _quietPeriod;
    private readonly TimeSpan _climbInterval;
    private readonly double _minimumQps;
    private readonly double _climbStepFraction;
    private double _climbStep;
    private double _afterLastThrottle;
    private long? _lastThrottleAt;

    public AdaptiveRate(double configuredQps, CloudApiBudgetOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuredQps);
        Configured = configuredQps;
        _minimumQps = options.MinimumQps;
        _climbStepFraction = options.ClimbStepFraction;
        Floor = Math.Min(options.MinimumQps, configuredQps);
        _decreaseFactor = options.ThrottleDecreaseFactor;
        _quietPeriod = options.QuietPeriod;
        _climbInterval = options.ClimbInterval;
        _climbStep = configuredQps * options.ClimbStepFraction;
        _time = time;
        _afterLastThrottle = configuredQps;
    }

    /// <summary>The policy's QPS for the action: the rate never goes above it.</summary>
    public double Configured { get; private set; }

    /// <summary>The lowest rate a run of throttles can bring the action to (the options' minimum, or the configured QPS if lower).</summary>
    public double Floor { get; private set; }

    /// <summary>
    /// A reloaded policy's QPS. What the cloud taught stays learnt: after a throttle the rate stays where it was (or
    /// drops to the new ceiling) and climbs towards the new QPS, so a raised QPS cannot undo a back-off at once.
    /// </summary>
    public void Rerate(double configuredQps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuredQps);
        Configured = configuredQps;
        Floor = Math.Min(_minimumQps, configuredQps);
        _climbStep = configuredQps * _climbStepFraction;
        _afterLastThrottle = _lastThrottleAt is null ? configuredQps : Math.Clamp(_afterLastThrottle, Floor, configuredQps);
    }

    /// <summary>Calls per second allowed now.</summary>
    public double Current => RateAt(_time.GetTimestamp());

    /// <summary>A throttled answer: the rate drops by the decrease factor from where it is now, and the quiet period starts again.</summary>
    public double Decrease()
    {
        var now = _time.GetTimestamp();
        _afterLastThrottle = Math.Max(Floor, RateAt(now) * _decreaseFactor);
        _lastThrottleAt = now;
        return _afterLastThrottle;
    }

    private double RateAt(long now)
    {
        if (_lastThrottleAt is not { } throttledAt)
        {
            return Configured;
        }

        var quiet = _time.GetElapsedTime(throttledAt, now);
        if (quiet < _quietPeriod)
        {
            return _afterLastThrottle;
        }

        var steps = 1 + Math.Floor((quiet - _quietPeriod) / _climbInterval);
        return Math.Min(Configured, _afterLastThrottle + (steps * _climbStep));
    }
}
