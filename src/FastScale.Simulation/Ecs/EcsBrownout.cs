using System.Collections.Concurrent;
using System.Globalization;

namespace FastScale.Simulation.Ecs;

/// <summary>
/// A brownout of the ECS endpoint, on a window of the injected clock: a share of the calls fail, half of them at once
/// with 503 ServiceUnavailable, the other half the worst way, as a call that times out: ECS carries the request out
/// (a RunInstances creates its instances) and the answer never comes; the connection is dropped after
/// <see cref="BrownoutWindow.Timeout"/>. Only a retry with the same ClientToken then avoids creating twice. Failures are
/// spread evenly over each action's calls, the first call of each action failing, and alternate between the two kinds,
/// the worst first: a burst's single RunInstances call is then always the one whose answer is lost, whatever the run's
/// seed, and a run repeats call for call. Calls the emulator does not meter (a simulation's own polls) are spared.
/// Thread-safe.
/// </summary>
public sealed class EcsBrownout(TimeProvider time)
{
    private volatile BrownoutWindow? _window;
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private long _serverErrors;
    private long _timeouts;

    /// <summary>Calls answered 503 by the brownout.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Calls carried out whose answer was withheld until the connection dropped.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>How long a timed-out call hangs (zero with no window).</summary>
    internal TimeSpan TimeoutOfCurrentWindow => _window?.Timeout ?? TimeSpan.Zero;

    public void Schedule(BrownoutWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var problems = window.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(window));
        }

        _window = window;
    }

    /// <summary>What happens to a metered call of <paramref name="action"/> arriving now.</summary>
    internal BrownoutFate Decide(string action)
    {
        if (_window is not { } window)
        {
            return BrownoutFate.Served;
        }

        var now = time.GetUtcNow();
        if (now < window.From || now >= window.From + window.Duration)
        {
            return BrownoutFate.Served;
        }

        // Call n of the action fails when it takes the running count of failures, ceil(n × share), one higher.
        var n = _calls.AddOrUpdate(action, 1, static (_, count) => count + 1);
        var failures = (long)Math.Ceiling(n * window.FailureShare);
        if (failures == (long)Math.Ceiling((n - 1) * window.FailureShare))
        {
            return BrownoutFate.Served;
        }

        if (failures % 2 == 0)
        {
            Interlocked.Increment(ref _serverErrors);
            return BrownoutFate.ServerError;
        }

        Interlocked.Increment(ref _timeouts);
        return BrownoutFate.TimedOut;
    }
}

/// <summary>What the brownout does to one call.</summary>
internal enum BrownoutFate
{
    Served,
    ServerError,
    TimedOut,
}

/// <summary>
/// When the brownout starts (on the emulator's clock), how long it lasts, the share of each action's calls that fail,
/// and how long a timed-out call hangs before its connection drops.
/// </summary>
public sealed record BrownoutWindow(DateTimeOffset From, TimeSpan Duration, double FailureShare, TimeSpan Timeout)
{
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Duration <= TimeSpan.Zero)
        {
            problems.Add($"brownout duration must be positive, got {Duration}");
        }

        if (!(FailureShare is >= 0 and <= 1))
        {
            problems.Add($"brownout failure share must be from 0 to 1, got {FailureShare.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"brownout timeout must be positive, got {Timeout}");
        }

        return problems;
    }
}
