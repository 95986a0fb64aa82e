using System.Collections.Concurrent;
using FastScale.Engine.Cloud;

namespace FastScale.Engine.Launch;

/// <summary>
/// Offerings the cloud recently refused for lack of capacity, remembered for a while so the next batch or burst goes
/// straight to the next offering instead of spending a call, and the minutes a throttle would cost, on the same wall.
/// A refusal is remembered at its <see cref="CapacityScope"/>: one type in one zone, a whole zone, or a whole vSwitch
/// (an exhausted vSwitch refuses every type launched into it). Shared by all groups: stock belongs to the zone and IPs
/// to the vSwitch, not to the group that asked.
/// </summary>
public sealed class UnavailableOfferings(TimeSpan ttl, TimeProvider time)
{
    private static readonly CapacityScope[] Scopes = [CapacityScope.Offering, CapacityScope.Zone, CapacityScope.VSwitch];
    private readonly ConcurrentDictionary<string, (CloudError Error, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public void Mark(Offering offering, CloudError error)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(error);
        _entries[KeyOf(offering, error.Scope)] = (error, time.GetUtcNow() + ttl);
    }

    /// <summary>True, with the refusal, while the offering, its zone or its vSwitch is within its TTL.</summary>
    public bool IsUnavailable(Offering offering, out CloudError? error)
    {
        ArgumentNullException.ThrowIfNull(offering);
        foreach (var scope in Scopes)
        {
            if (Find(KeyOf(offering, scope)) is { } found)
            {
                error = found;
                return true;
            }
        }

        error = null;
        return false;
    }

    private static string KeyOf(Offering offering, CapacityScope scope) => scope switch
    {
        CapacityScope.Zone => $"zone:{offering.ZoneId}",
        CapacityScope.VSwitch => $"vswitch:{offering.VSwitchId}",
        _ => offering.Key,
    };

    private CloudError? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() < entry.Until)
        {
            return entry.Error;
        }

        _entries.TryRemove(new KeyValuePair<string, (CloudError, DateTimeOffset)>(key, entry));
        return null;
    }
}
