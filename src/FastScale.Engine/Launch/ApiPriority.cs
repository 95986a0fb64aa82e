namespace FastScale.Engine.Launch;

/// <summary>
/// Who is asking for a cloud call. Within one action's bucket a waiting request of a higher priority (lower value)
/// always gets the next token before any lower one, so housekeeping never delays a burst.
/// </summary>
public enum ApiPriority
{
    ScaleOut = 0,
    Repair = 1,
    WarmPoolRefill = 2,
    StatusPoll = 3,
}
