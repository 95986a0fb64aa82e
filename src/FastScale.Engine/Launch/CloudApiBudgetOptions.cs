namespace FastScale.Engine.Launch;

/// <summary>
/// How an action's rate adapts to throttles (see <see cref="AdaptiveRate"/>) and how it probes while throttled. The
/// per-action QPS and burst, the ceiling of the adaptive rate, come from the policy's pacing.
/// </summary>
public sealed class CloudApiBudgetOptions
{
    /// <summary>
    /// Probes per second after a throttle (ECS's advice: about 1). The first two probes go at this pace; each further
    /// refused probe doubles the wait, but no probe waits past the next minute of the clock, when ECS lifts a block.
    /// A <c>Retry-After</c> from the cloud sets the first probe's wait instead. Default 1.
    /// </summary>
    public double ProbeQps { get; set; } = 1;

    /// <summary>The rate is multiplied by this on every throttled answer (probes included). Between 0 and 1 exclusive. Default 0.5.</summary>
    public double ThrottleDecreaseFactor { get; set; } = 0.5;

    /// <summary>The lowest rate throttles bring an action to (an action configured lower keeps its own). Default 1 QPS.</summary>
    public double MinimumQps { get; set; } = 1;

    /// <summary>
    /// Time without a throttle before the rate climbs again. Default 60 s: an ECS block lasts to the end of the minute,
    /// so a shorter quiet period could climb straight back into the block's cause.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After the quiet period, one climb step per interval. Default 10 s.</summary>
    public TimeSpan ClimbInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One climb step as a share of the configured QPS. Default 0.1: from the floor to the full rate in about 1.5 to 2.5 minutes.</summary>
    public double ClimbStepFraction { get; set; } = 0.1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(ProbeQps > 0))
        {
            problems.Add($"ProbeQps must be positive, got {ProbeQps}");
        }

        if (!(ThrottleDecreaseFactor is > 0 and < 1))
        {
            problems.Add($"ThrottleDecreaseFactor must be between 0 and 1 (exclusive), got {ThrottleDecreaseFactor}");
        }

        if (!(MinimumQps > 0))
        {
            problems.Add($"MinimumQps must be positive, got {MinimumQps}");
        }

        if (QuietPeriod < TimeSpan.Zero)
        {
            problems.Add($"QuietPeriod must not be negative, got {QuietPeriod}");
        }

        if (ClimbInterval <= TimeSpan.Zero)
        {
            problems.Add($"ClimbInterval must be positive, got {ClimbInterval}");
        }

        if (!(ClimbStepFraction is > 0 and <= 1))
        {
            problems.Add($"ClimbStepFraction must be above 0 and at most 1, got {ClimbStepFraction}");
        }

        return problems;
    }
}
