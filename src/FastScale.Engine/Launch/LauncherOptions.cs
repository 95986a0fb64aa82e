namespace FastScale.Engine.Launch;

public sealed class LauncherOptions
{
    /// <summary>Retries of a RunInstances call that failed transiently (5xx, timeout, lost answer), same ClientToken each time. Default 5.</summary>
    public int MaxTransientRetries { get; set; } = 5;

    /// <summary>Median first delay of the decorrelated-jitter back-off. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of one back-off delay. Default 20 s: with 5 retries a dead endpoint is given up within about a minute.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a stock-out keeps an offering out of use. Default 3 min (Karpenter's figure for its insufficient-capacity cache).</summary>
    public TimeSpan UnavailableOfferingTtl { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Uniform [0, 1) source for the back-off jitter. Default <see cref="Random.Shared"/>; tests and simulations inject a seeded one.</summary>
    public Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxTransientRetries < 0)
        {
            problems.Add($"MaxTransientRetries must be 0 or more, got {MaxTransientRetries}");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            problems.Add($"RetryBaseDelay must be positive and at most RetryMaxDelay, got {RetryBaseDelay} and {RetryMaxDelay}");
        }

        if (UnavailableOfferingTtl < TimeSpan.Zero)
        {
            problems.Add($"UnavailableOfferingTtl must not be negative, got {UnavailableOfferingTtl}");
        }

        if (Jitter is null)
        {
            problems.Add("Jitter must be set");
        }

        return problems;
    }
}
