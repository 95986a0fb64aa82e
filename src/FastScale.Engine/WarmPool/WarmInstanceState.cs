namespace FastScale.Engine.WarmPool;

/// <summary>
/// Where a warm-pool instance is in its life: created, booted once (<see cref="Warming"/>), stopped in economical
/// mode (<see cref="Ready"/>), then taken by a scale-out (<see cref="Starting"/>, after which it is a node of the group
/// and leaves the pool). <see cref="Releasing"/> instances are on their way out (surplus, or a start refused for stock).
/// </summary>
public enum WarmInstanceState
{
    /// <summary>Launched, not yet Running (the cloud says Pending or Starting).</summary>
    Creating,
    /// <summary>Running for its first boot; stopped once the warm-up has passed.</summary>
    Warming,
    /// <summary>Asked to stop (or to be re-checked after a failed start); Ready once the cloud says Stopped.</summary>
    Stopping,
    /// <summary>Stopped in economical mode: what a scale-out takes.</summary>
    Ready,
    /// <summary>Taken by a scale-out; StartInstances is on its way. Moves into the group when the start is accepted.</summary>
    Starting,
    /// <summary>Being deleted.</summary>
    Releasing,
}
