namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Where one instance of a group is in its life. Slots the reconciler has reserved but the cloud has not answered yet
/// (Requested) have no instance id and are counted by the group, not recorded; everything after has a record.
/// </summary>
/// <remarks>
/// Launched → Running → Registered → Ready is the way up; Failed is a slot the cloud could not fill, kept with the
/// errorInfo the autoscaler reads until it gives the slot up; Deleting is on the way out. The autoscaler sees three
/// of these (<see cref="InstanceLifecycles.ToAutoscalerState"/>).
/// </remarks>
public enum InstanceLifecycle
{
    /// <summary>The cloud accepted the instance (RunInstances, or StartInstances of a warm one); it is not Running yet.</summary>
    Launched,

    /// <summary>The cloud reports it Running; no Node has registered for it yet.</summary>
    Running,

    /// <summary>Its Node exists and is not Ready yet.</summary>
    Registered,

    /// <summary>Its Node is Ready (see the one definition in the Kubernetes adapter).</summary>
    Ready,

    /// <summary>No instance exists: the cloud refused the slot; the record carries the error for the autoscaler.</summary>
    Failed,

    /// <summary>Marked for release, by the autoscaler or by repair.</summary>
    Deleting,
}
