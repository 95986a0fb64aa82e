using System.Collections.Concurrent;
using FastScale.Engine.Cloud;

namespace FastScale.Engine.Launch;

/// <summary>
/// Offerings the cloud recently refused for lack of stock (or as unsupported), remembered for a while so the next
/// batch or burst goes straight to the next offering instead of spending a call, and the minutes a throttle would
/// cost, on the same wall. Shared by all groups: stock belongs to the zone, not to the group that asked.
/// </summary>
public sealed class UnavailableOfferings(TimeSpan ttl, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (CloudError Error, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public void Mark(Offering offering, CloudError error)
    {
        ArgumentNullException.ThrowIfNull(offering);
        _entries[offering.Key] = (error, time.GetUtcNow() + ttl);
    }

    /// <summary>True, with the refusal, while the offering is within its TTL.</summary>
    public bool IsUnavailable(Offering offering, out CloudError? error)
    {
        ArgumentNullException.ThrowIfNull(offering);
        if (_entries.TryGetValue(offering.Key, out var entry))
        {
            if (time.GetUtcNow() < entry.Until)
            {
                error = entry.Error;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, (CloudError, DateTimeOffset)>(offering.Key, entry));
        }

        error = null;
        return false;
    }
}
