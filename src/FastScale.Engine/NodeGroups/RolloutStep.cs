namespace FastScale.Engine.NodeGroups;

/// <summary>
/// An instance's part in its group's rollout, beside its <see cref="InstanceLifecycle"/>: the rollout owns it while it
/// is anything but <see cref="None"/>, and neither repair nor the reconciler acts on it.
/// </summary>
public enum RolloutStep
{
    None,

    /// <summary>Launched by the rollout with the current template, above the group's size; judged by the rollout until Ready.</summary>
    Surge,

    /// <summary>Cordoned, its pods being evicted; still in the target and still Running for the autoscaler.</summary>
    Draining,

    /// <summary>Drained (or a surge given back on a halt): out of the target, being released by the rollout.</summary>
    Retired,
}
