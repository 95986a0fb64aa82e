namespace FastScale.Engine.Repair;

/// <summary>Why an instance is replaced. Each has its own metric label (<see cref="RepairReasons.Label"/>).</summary>
public enum RepairReason
{
    /// <summary>No Ready node within the registration timeout after launch.</summary>
    NeverReady,

    /// <summary>The node was Ready once, then NotReady, Unknown or gone for longer than the NotReady timeout.</summary>
    NotReady,

    /// <summary>The cloud reports the instance stopped, and nobody here asked for it.</summary>
    Stopped,

    /// <summary>The cloud no longer knows the instance: released behind our back.</summary>
    Released,
}
