namespace FastScale.Engine.Demand;

/// <summary>
/// What a Ready node can still take. Between a node turning Ready and the scheduler binding the pods it was meant for,
/// those pods still look unschedulable; planning them onto new nodes would ask for the same capacity twice (the
/// cluster-autoscaler avoids it the same way, by placing pending pods on existing nodes' free room first).
/// </summary>
public interface INodeRoom
{
    /// <summary>
    /// The free room of the instance's node: allocatable less the requests of the pods bound or nominated to it; null
    /// when the node is unknown, not Ready, cordoned, or still carries a not-ready taint.
    /// </summary>
    /// <param name="providerId">The instance's providerID, <c>&lt;region&gt;.&lt;instance-id&gt;</c>.</param>
    PodRequests? FreeRoom(string providerId);

    /// <summary>
    /// False until every node's room can be known (the bound pods and the Nodes listed once) and while either view is out
    /// of date: a decision then would plan a pod that fits an existing node onto a new one. Fast mode holds its decisions
    /// meanwhile. Rooms that cannot lose their cluster keep the default.
    /// </summary>
    bool IsCurrent => true;

    /// <summary>
    /// True when this view already has the pod bound to a node. The pending pods and the bound ones are two watches: a
    /// pod the bound view holds while the pending view has not yet seen its binding would count twice, in its node's
    /// used room and as pending, and buy a node nobody needs.
    /// </summary>
    bool HoldsPod(PendingPod pod) => false;
}

/// <summary>Without a view of the cluster's pods, no node's free room is known, and none is counted.</summary>
public sealed class NoNodeRoom : INodeRoom
{
    public static NoNodeRoom Instance { get; } = new();

    public PodRequests? FreeRoom(string providerId) => null;
}
