using System.Collections.Concurrent;

namespace FastScale.Engine.Launch;

/// <summary>
/// Per group, the number of the next launch batch. Numbers go into each batch's ClientToken and into the
/// <c>fastscale.io/launch-batch</c> tag of the instances it creates. A number is never handed out twice, by this process
/// or by any earlier one, so no two intents ever share a ClientToken.
/// </summary>
/// <remarks>
/// <para>
/// Why the clock. Recovery can only learn the numbers of batches whose instances still exist. Were the sequence
/// simply "highest tag seen + 1", a scale-down that released the newest batches followed by a restart would hand out
/// those numbers again; the next scale-out of the same amount on the same offering would then carry a token ECS has
/// already answered, and ECS returns the earlier (deleted) instances instead of creating new ones. So every number is
/// at least the injected clock's Unix time in milliseconds: <c>max(last + 1, now in ms)</c>. A number handed out at
/// time t is at most t plus the batches drawn faster than one per millisecond (a burst's handful), so a successor that
/// starts later than that, which any real restart does, starts above every number its predecessors used, whether or not
/// their instances survived. <see cref="Observe"/> still raises the sequence above the highest tag seen, so the batches
/// that do survive are never repeated even by a successor whose clock is behind.
/// </para>
/// <para>
/// Limits. The scheme trusts the clock to move forward across restarts: a replica whose clock is behind its
/// predecessor's by more than the time between the predecessor's last batch and the successor's first (a large skew
/// between nodes, a clock stepped back) could repeat a number whose instances are gone. Within one process the
/// sequence never goes back, even if the clock does. A batch number is now also a launch time: readable in a tag as
/// milliseconds since 1970.
/// </para>
/// </remarks>
public sealed class LaunchBatchSequence(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    public long Next(string groupId)
    {
        var floor = time.GetUtcNow().ToUnixTimeMilliseconds();
        return _last.AddOrUpdate(groupId, static (_, floor) => floor, static (_, last, floor) => Math.Max(last + 1, floor), floor);
    }

    /// <summary>Records a batch number found in the cloud; the sequence then continues above the highest seen.</summary>
    public void Observe(string groupId, long batch) =>
        _last.AddOrUpdate(groupId, batch, (_, last) => Math.Max(last, batch));

    /// <summary>The last number handed out or observed for the group; 0 before either.</summary>
    public long Last(string groupId) => _last.GetValueOrDefault(groupId);
}
