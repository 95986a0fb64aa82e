namespace FastScale.Kubernetes.Informers;

/// <summary>Doubling waits with jitter in [d/2, d], capped; the randomness is injected so tests are deterministic.</summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max, Func<double> random)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * random())));
    }

    public void Reset() => _failures = 0;
}
