namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// How long one phase takes: a log-normal distribution given by its median and 90th percentile (phase times are positive
/// and right-skewed: most instances are quick, a few stragglers are slow). <c>P90 == Median</c> means a fixed duration,
/// which also allows zero.
/// </summary>
public sealed record PhaseDistribution(TimeSpan Median, TimeSpan P90)
{
    /// <summary>The 0.9 quantile of the standard normal distribution.</summary>
    private const double Z90 = 1.2815515655446004;

    public static PhaseDistribution Fixed(TimeSpan duration) => new(duration, duration);

    public static PhaseDistribution Zero { get; } = Fixed(TimeSpan.Zero);

    public bool IsFixed => Median == P90;

    /// <summary>Draws one duration. Uses exactly two draws from <paramref name="random"/> unless fixed (none), so a
    /// seeded sequence stays reproducible whatever the parameters.</summary>
    public TimeSpan Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (IsFixed || Median <= TimeSpan.Zero)
        {
            return Median;
        }

        var mu = Math.Log(Median.TotalSeconds);
        var sigma = Math.Log(P90.TotalSeconds / Median.TotalSeconds) / Z90;
        var seconds = Math.Exp(mu + (sigma * StandardNormal(random)));
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Box-Muller: one standard normal draw from two uniform ones.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: the logarithm stays finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public override string ToString() => IsFixed ? $"fixed {Median.TotalSeconds:0.###}s" : $"median {Median.TotalSeconds:0.###}s, p90 {P90.TotalSeconds:0.###}s";
}
