namespace FastScale.Engine.Launch;

/// <summary>
/// Who is asking for a cloud call. Within one action's bucket a waiting request of a higher priority (lower value)
/// always gets the next token before any lower one, so housekeeping never delays a burst.
/// </summary>
public enum ApiPriority
{
    ScaleOut = 0,
    Repair = 1,

    /// <summary>An image rollout's surge launches and releases: below repair (which restores lost capacity), above the warm pool.</summary>
    Rollout = 2,
    WarmPoolRefill = 3,
    StatusPoll = 4,
}
