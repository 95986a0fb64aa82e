using System.Collections.Concurrent;

namespace FastScale.Simulation.Ecs;

/// <summary>
/// What the emulator has seen, for load tests and reports that run it in-process. Calls are counted per action as they
/// arrive, whatever their outcome; the other counters say what became of them. Thread-safe. The per-call logs (arrival
/// times, metered calls) keep the most recent <see cref="CallLogCapacity"/> entries each, so a long-running
/// <c>serve --embedded</c> does not grow without bound; the counts are never trimmed.
/// </summary>
public sealed class EcsEmulatorCounters
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _throttledByAction = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _callTimes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Action, DateTimeOffset At, bool Throttled)> _meteredCalls = new();
    private long _callTimesLogged;
    private long _meteredLogged;
    private long _throttled;
    private long _created;
    private long _deleted;
    private long _transient;

    /// <summary>Requests received per action (including throttled and failed ones).</summary>
    public IReadOnlyDictionary<string, long> CallsByAction => _calls.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ThrottledByAction => _throttledByAction.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Error answers per error code (throttling, stock, auth, validation, injected…).</summary>
    public IReadOnlyDictionary<string, long> ErrorsByCode => _errors.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Entries each call log keeps: far more than the largest burst makes (a 3,000-node burst: tens of thousands).</summary>
    public const int CallLogCapacity = 1_000_000;

    public long Throttled => Interlocked.Read(ref _throttled);

    public long InstancesCreated => Interlocked.Read(ref _created);

    public long InstancesDeleted => Interlocked.Read(ref _deleted);

    public long TransientErrors => Interlocked.Read(ref _transient);

    public long Calls(string action) => _calls.GetValueOrDefault(action);

    /// <summary>
    /// When the first request of <paramref name="action"/> at or after <paramref name="notBefore"/> arrived, on the
    /// emulator's clock (a burst report's <c>firstCloudCallSeconds</c>: a warm pool's calls before t = 0 do not count);
    /// null if none has.
    /// </summary>
    public DateTimeOffset? FirstCallAt(string action, DateTimeOffset notBefore = default)
    {
        if (!_callTimes.TryGetValue(action, out var times))
        {
            return null;
        }

        DateTimeOffset? first = null;
        foreach (var at in times)
        {
            if (at >= notBefore && (first is null || at < first))
            {
                first = at;
            }
        }

        return first;
    }

    /// <summary>
    /// Every metered request (those that spend the account's rate limits; the options' unmetered header exempts the
    /// rest) in order of arrival: its action, when it arrived on the emulator's clock, and whether it was throttled.
    /// A burst report draws its calls-per-second chart from these.
    /// </summary>
    public IReadOnlyList<(string Action, DateTimeOffset At, bool Throttled)> MeteredCalls() => [.. _meteredCalls];

    internal void Metered(string action, DateTimeOffset at, bool throttled)
    {
        _meteredCalls.Enqueue((action, at, throttled));
        if (Interlocked.Increment(ref _meteredLogged) > CallLogCapacity && _meteredCalls.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _meteredLogged);
        }
    }

    internal void Call(string action, DateTimeOffset at)
    {
        _calls.AddOrUpdate(action, 1, (_, n) => n + 1);
        var times = _callTimes.GetOrAdd(action, static _ => new ConcurrentQueue<DateTimeOffset>());
        times.Enqueue(at);
        // Trims the action's own log: the oldest entries of the busiest action go first, which is where the growth is.
        if (Interlocked.Increment(ref _callTimesLogged) > CallLogCapacity && times.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _callTimesLogged);
        }
    }

    internal void Error(string action, string code, bool throttling, bool transient)
    {
        _errors.AddOrUpdate(code, 1, (_, n) => n + 1);
        if (throttling)
        {
            Interlocked.Increment(ref _throttled);
            _throttledByAction.AddOrUpdate(action, 1, (_, n) => n + 1);
        }

        if (transient)
        {
            Interlocked.Increment(ref _transient);
        }
    }

    internal void Created(int count) => Interlocked.Add(ref _created, count);

    internal void Deleted(int count) => Interlocked.Add(ref _deleted, count);
}
