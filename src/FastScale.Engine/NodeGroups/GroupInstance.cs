namespace FastScale.Engine.NodeGroups;

/// <summary>
/// One instance of a group. <see cref="Id"/> is what the autoscaler matches against Node.spec.providerID:
/// <c>&lt;region&gt;.&lt;instance-id&gt;</c> for real instances; for a failed creation (no instance exists) it is a
/// placeholder that the autoscaler echoes back as node name and providerID in DeleteNodes.
/// </summary>
public sealed record GroupInstance(string InstanceId, string Id, InstanceState State, InstanceError? Error = null)
{
    public bool IsFailedCreation => Error is not null;

    /// <summary>
    /// Deleting because the repairer is replacing it, not because the autoscaler asked: the repairer releases it at
    /// repair priority and its slot stays in the target.
    /// </summary>
    public bool IsBeingRepaired { get; internal init; }

    /// <summary>Deleted by the autoscaler and waiting for the reconciler to release it.</summary>
    internal bool AwaitsRelease => State == InstanceState.Deleting && !IsBeingRepaired;
}
