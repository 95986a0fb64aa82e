using FastScale.Engine.Cloud;

namespace FastScale.Engine.NodeGroups;

internal static class CloudInstanceStates
{
    /// <summary>
    /// Only Running counts as up. Stopped or stopping instances of a group (stopped without our asking) stay Creating,
    /// never counted as capacity; replacing them is the repairer's decision.
    /// </summary>
    public static InstanceState ToInstanceState(CloudInstanceStatus status) =>
        status == CloudInstanceStatus.Running ? InstanceState.Running : InstanceState.Creating;
}
