using FastScale.Engine.Cloud;

namespace FastScale.Engine.NodeGroups;

/// <summary>The mappings between an instance's lifecycle and the views of it outside the engine.</summary>
public static class InstanceLifecycles
{
    /// <summary>
    /// The externalgrpc state: a failed slot is reported as creating (with errorInfo), a Running instance and its Node
    /// as running, whether or not the Node is Ready yet (the autoscaler judges readiness from the Node itself).
    /// </summary>
    public static InstanceState ToAutoscalerState(this InstanceLifecycle lifecycle) => lifecycle switch
    {
        InstanceLifecycle.Launched or InstanceLifecycle.Failed => InstanceState.Creating,
        InstanceLifecycle.Running or InstanceLifecycle.Registered or InstanceLifecycle.Ready => InstanceState.Running,
        _ => InstanceState.Deleting,
    };

    /// <summary>
    /// What the cloud's status says of an instance found or read back. Only Running counts as up: an instance stopped or
    /// stopping without our asking stays Launched, never counted as capacity; replacing it is the repairer's decision.
    /// </summary>
    public static InstanceLifecycle FromCloud(CloudInstanceStatus status) =>
        status == CloudInstanceStatus.Running ? InstanceLifecycle.Running : InstanceLifecycle.Launched;

    /// <summary>
    /// The lifecycle after the cloud reported <paramref name="status"/>: a Node's registration and readiness are the
    /// cluster's to report and are kept while the instance runs; Failed and Deleting are final here.
    /// </summary>
    internal static InstanceLifecycle AfterCloudStatus(this InstanceLifecycle current, CloudInstanceStatus status) => current switch
    {
        InstanceLifecycle.Failed or InstanceLifecycle.Deleting => current,
        InstanceLifecycle.Registered or InstanceLifecycle.Ready when status == CloudInstanceStatus.Running => current,
        _ => FromCloud(status),
    };

    /// <summary>The lifecycle after the cluster reported the instance's Node; only an instance the cloud has up moves.</summary>
    internal static InstanceLifecycle AfterNode(this InstanceLifecycle current, bool registered, bool ready) => current switch
    {
        InstanceLifecycle.Launched or InstanceLifecycle.Running or InstanceLifecycle.Registered or InstanceLifecycle.Ready =>
            ready ? InstanceLifecycle.Ready : registered ? InstanceLifecycle.Registered : current is InstanceLifecycle.Launched ? current : InstanceLifecycle.Running,
        _ => current,
    };
}
