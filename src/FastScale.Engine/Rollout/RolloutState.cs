namespace FastScale.Engine.Rollout;

/// <summary>Where a group's rollout stands (the one-hot <c>fastscale_rollout_state</c>).</summary>
public enum RolloutState
{
    /// <summary>No node has drifted: nothing to rotate.</summary>
    Idle,

    /// <summary>Drifted nodes are being replaced.</summary>
    Rolling,

    /// <summary>The policy says <c>paused: true</c>; drains already started finish, nothing new starts.</summary>
    Paused,

    /// <summary>Outside the policy's window; drains already started finish, nothing new starts.</summary>
    OutsideWindow,

    /// <summary>Stopped by itself (a replacement not Ready in time, the repair brake); resumes on a policy change or an un-pause.</summary>
    Halted,
}

internal static class RolloutStates
{
    public static string Label(this RolloutState state) => state switch
    {
        RolloutState.Idle => "idle",
        RolloutState.Rolling => "rolling",
        RolloutState.Paused => "paused",
        RolloutState.OutsideWindow => "outside_window",
        _ => "halted",
    };
}
