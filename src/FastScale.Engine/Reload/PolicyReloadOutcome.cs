namespace FastScale.Engine.Reload;

public enum PolicyReloadOutcome
{
    /// <summary>The new policy is in force.</summary>
    Applied,

    /// <summary>The candidate equals the policy in force: nothing to do, nothing counted.</summary>
    Unchanged,

    /// <summary>The candidate was invalid or changes what a reload may not; the old policy stays in force.</summary>
    Refused,
}
