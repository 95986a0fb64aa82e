using System.Collections.Concurrent;

namespace FastScale.Engine.Launch;

/// <summary>
/// Per group, the number of the next launch batch. Numbers go into each batch's ClientToken and into the
/// <c>fastscale.io/launch-batch</c> tag of the instances it creates; recovery feeds the highest tagged number back
/// through <see cref="Observe"/>, so a restarted provider continues the sequence instead of starting over.
/// </summary>
public sealed class LaunchBatchSequence
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    public long Next(string groupId) => _last.AddOrUpdate(groupId, 1, static (_, last) => last + 1);

    /// <summary>Records a batch number found in the cloud; the sequence then continues after the highest seen.</summary>
    public void Observe(string groupId, long batch) =>
        _last.AddOrUpdate(groupId, batch, (_, last) => Math.Max(last, batch));

    public long Last(string groupId) => _last.GetValueOrDefault(groupId);
}
