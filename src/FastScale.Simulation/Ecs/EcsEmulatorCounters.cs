using System.Collections.Concurrent;

namespace FastScale.Simulation.Ecs;

/// <summary>
/// What the emulator has seen, for load tests and reports that run it in-process. Calls are counted per action as they
/// arrive, whatever their outcome; the other counters say what became of them. Thread-safe.
/// </summary>
public sealed class EcsEmulatorCounters
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _throttledByAction = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _callTimes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Action, DateTimeOffset At, bool Throttled)> _meteredCalls = new();
    private long _throttled;
    private long _created;
    private long _deleted;
    private long _transient;

    /// <summary>Requests received per action (including throttled and failed ones).</summary>
    public IReadOnlyDictionary<string, long> CallsByAction => _calls.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ThrottledByAction => _throttledByAction.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Error answers per error code (throttling, stock, auth, validation, injected…).</summary>
    public IReadOnlyDictionary<string, long> ErrorsByCode => _errors.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

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

    internal void Metered(string action, DateTimeOffset at, bool throttled) => _meteredCalls.Enqueue((action, at, throttled));

    internal void Call(string action, DateTimeOffset at)
    {
        _calls.AddOrUpdate(action, 1, (_, n) => n + 1);
        _callTimes.GetOrAdd(action, static _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(at);
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
