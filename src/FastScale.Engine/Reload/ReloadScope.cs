namespace FastScale.Engine.Reload;

/// <summary>When a change to a policy field can take effect.</summary>
public enum ReloadScope
{
    /// <summary>Applied by a reload: components read the field when they act, so the next action uses the new value.</summary>
    Runtime,

    /// <summary>Fixed for the life of the process (identity, endpoints, components built once); a reload that changes it is refused.</summary>
    Restart,
}
