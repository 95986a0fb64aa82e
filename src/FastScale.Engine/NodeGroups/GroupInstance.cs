using FastScale.Engine.Cloud;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// One instance slot of a group, owned by its <see cref="NodeGroup"/>. <see cref="Id"/> is what the autoscaler matches
/// against Node.spec.providerID: <c>&lt;region&gt;.&lt;instance-id&gt;</c> for real instances; for a failed creation (no
/// instance exists) it is a placeholder that the autoscaler echoes back as node name and providerID in DeleteNodes.
/// </summary>
public sealed record GroupInstance(string InstanceId, string Id, InstanceLifecycle Lifecycle, InstanceError? Error = null)
{
    /// <summary>What the autoscaler sees (externalgrpc InstanceState).</summary>
    public InstanceState State => Lifecycle.ToAutoscalerState();

    public bool IsFailedCreation => Lifecycle == InstanceLifecycle.Failed;

    /// <summary>
    /// The launch batch it was created under (its ClientToken derives from it), when this replica launched it or read
    /// it from the instance's tags; null for a failed slot and for instances whose tags carry none.
    /// </summary>
    public long? LaunchBatch { get; init; }

    /// <summary>What it was launched with (template hash, image, type, zone…), for drift; null for a failed slot or when unknown.</summary>
    public InstanceOrigin? Origin { get; init; }

    /// <summary>
    /// Deleting because the repairer is replacing it, not because the autoscaler asked: the repairer releases it at
    /// repair priority and its slot stays in the target.
    /// </summary>
    public bool IsBeingRepaired { get; internal init; }

    /// <summary>Where a rollout has it: launched as a surge and not Ready yet, draining, or drained and being released.</summary>
    public RolloutStep Rollout { get; internal init; }

    /// <summary>Deleted by the autoscaler and waiting for the reconciler to release it.</summary>
    internal bool AwaitsRelease => Lifecycle == InstanceLifecycle.Deleting && !IsBeingRepaired && Rollout != RolloutStep.Retired;
}
