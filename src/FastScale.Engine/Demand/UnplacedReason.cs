namespace FastScale.Engine.Demand;

/// <summary>How far the best group got with a pod, in the order the planner checks.</summary>
public enum UnplacedReason
{
    /// <summary>No group's labels satisfy the pod's nodeSelector or required node affinity.</summary>
    NoMatchingGroup,

    /// <summary>The pod asks more of some resource than an empty node of any suitable group offers.</summary>
    TooLarge,

    /// <summary>The groups that match and are large enough carry a NoSchedule or NoExecute taint the pod does not tolerate.</summary>
    UntoleratedTaint,

    /// <summary>The pod would fit, but every suitable group is at its max size.</summary>
    GroupAtMax,
}
