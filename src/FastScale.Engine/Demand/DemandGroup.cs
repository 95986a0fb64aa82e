using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Demand;

/// <summary>
/// A node group as the planner sees it at one moment: the node it would add, what DaemonSets take of it, and how much
/// room it has left.
/// </summary>
/// <param name="ComingNodes">Nodes already asked for and not yet able to take pods (launching, booting, unfilled target).
/// They are filled first, so a pod that waits for one of them never causes a second request.</param>
/// <remarks><see cref="ReadyRoom"/> comes before them: the free room of nodes that are Ready now but that the scheduler has
/// not filled yet, so pending pods it is about to bind there do not ask for nodes of their own.</remarks>
public sealed record DemandGroup(
    string Id,
    NodeTemplate Template,
    NodeResources DaemonSetOverhead,
    int TargetSize,
    int MaxSize,
    int ComingNodes)
{
    /// <summary>How many more nodes the group may be asked for: target + new ≤ max.</summary>
    public int Headroom => Math.Max(0, MaxSize - TargetSize);

    /// <summary>
    /// Per Ready, schedulable node of the group: its allocatable less the requests of the pods bound or nominated to it.
    /// The planner never counts more than an empty node's room (allocatable less the DaemonSet overhead) on one node.
    /// </summary>
    public IReadOnlyList<PodRequests> ReadyRoom { get; init; } = [];

    public static DemandGroup From(NodeGroup group, int targetSize, int comingNodes) =>
        new(group.Id, group.Template, group.Policy.DaemonSetOverhead, targetSize, group.Policy.MaxSize, comingNodes);
}
