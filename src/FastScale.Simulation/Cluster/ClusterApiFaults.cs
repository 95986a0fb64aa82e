using System.Collections.Concurrent;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// Faults of the API server, on windows of the injected clock: an outage (every request's connection reset, and every
/// open watch cut when it begins, as a restarting API server behind a load balancer does) and a slow spell (every
/// request held back before the server looks at it). Clients that send <see cref="ExemptUserAgent"/> are spared: a
/// measurement's own watch must not be blinded by the fault it measures. Counts what the faults did and who wrote what,
/// so a scenario can tell a retry storm from ordinary traffic. Thread-safe.
/// </summary>
public sealed class ClusterApiFaults(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _writes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    // References, so a request reads a whole window or none without taking the lock.
    private volatile Window? _outage;
    private volatile Window? _slow;
    // Created with the injected clock so CancelAfter counts emulated time; one outage per run is all a scenario needs.
    private readonly CancellationTokenSource _outageBegins = new(Timeout.InfiniteTimeSpan, time);
    private long _refused;
    private long _delayed;
    private long _watchesCut;

    /// <summary>Requests with this User-Agent (a prefix match) are never faulted. Null: no one is spared.</summary>
    public string? ExemptUserAgent { get; set; }

    /// <summary>Requests whose connection was reset because the server was down.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Requests held back by a slow spell.</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>Open watches cut when an outage began.</summary>
    public long WatchesCut => Interlocked.Read(ref _watchesCut);

    /// <summary>Writes the server accepted for processing, by <c>userAgent verb kind</c> (e.g. <c>fastscale PATCH nodes</c>).</summary>
    public IReadOnlyDictionary<string, long> Writes => _writes;

    /// <summary>The server is down from <paramref name="from"/> for <paramref name="duration"/>. Once per simulator.</summary>
    public void ScheduleOutage(DateTimeOffset from, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        lock (_gate)
        {
            if (_outage is not null)
            {
                throw new InvalidOperationException("an outage is already scheduled");
            }

            _outage = new Window(from, from + duration, TimeSpan.Zero);
            var wait = from - time.GetUtcNow();
            _outageBegins.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
    }

    /// <summary>Every request arriving from <paramref name="from"/> for <paramref name="duration"/> waits <paramref name="delay"/> first.</summary>
    public void ScheduleSlowness(DateTimeOffset from, TimeSpan duration, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _slow = new Window(from, from + duration, delay);
        }
    }

    internal bool IsExempt(string? userAgent) =>
        ExemptUserAgent is { } exempt && userAgent is not null && userAgent.StartsWith(exempt, StringComparison.Ordinal);

    /// <summary>True when a request arriving now must have its connection reset (and is counted as refused).</summary>
    internal bool Refuse()
    {
        var now = time.GetUtcNow();
        if (_outage is { } outage && now >= outage.From && now < outage.Until)
        {
            Interlocked.Increment(ref _refused);
            return true;
        }

        return false;
    }

    /// <summary>How long a request arriving now must wait (zero outside a slow spell).</summary>
    internal TimeSpan Delay()
    {
        var now = time.GetUtcNow();
        if (_slow is { } slow && now >= slow.From && now < slow.Until && slow.Delay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _delayed);
            return slow.Delay;
        }

        return TimeSpan.Zero;
    }

    /// <summary>
    /// Cancelled when the scheduled outage begins; a watch opened before it links it to be cut then. A watch opened once
    /// the outage is over gets none: it has nothing left to fear.
    /// </summary>
    internal CancellationToken OutageBegins =>
        _outage is { } outage && time.GetUtcNow() >= outage.From ? CancellationToken.None : _outageBegins.Token;

    internal void WatchCut() => Interlocked.Increment(ref _watchesCut);

    internal void RecordWrite(string? userAgent, string method, string kind) =>
        _writes.AddOrUpdate($"{FirstWord(userAgent)} {method} {kind}", 1, static (_, n) => n + 1);

    private static string FirstWord(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? "-" : userAgent.Split(' ', '/')[0];

    private sealed record Window(DateTimeOffset From, DateTimeOffset Until, TimeSpan Delay);
}
