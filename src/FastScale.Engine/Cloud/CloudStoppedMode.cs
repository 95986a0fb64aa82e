namespace FastScale.Engine.Cloud;

/// <summary>How a stopped instance is billed, as the cloud reports it after the stop (ECS's StoppedMode).</summary>
public enum CloudStoppedMode
{
    /// <summary>Not stopped, or the cloud does not say (ECS: <c>Not-applicable</c>).</summary>
    NotApplicable,

    /// <summary>Economical mode: compute is no longer billed, its stock is handed back (a start may find none).</summary>
    StopCharging,

    /// <summary>Standard mode: billed as if running, stock kept. What ECS applies when economical mode is not available
    /// to the instance, whatever the stop asked for.</summary>
    KeepCharging,
}
