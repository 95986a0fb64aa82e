namespace FastScale.Engine.Demand;

/// <summary>The planner's answer: how many nodes each group needs, which pod goes where, and the pods no group can host.</summary>
/// <param name="Increases">One entry per group that received pods, in preference order; <see cref="GroupIncrease.NewNodes"/> may be 0 when coming nodes suffice.</param>
/// <param name="Nodes">Every node that received at least one pod, coming or new.</param>
/// <param name="Unplaced">Pods that fit no group, each with its reason.</param>
public sealed record DemandPlan(
    IReadOnlyList<GroupIncrease> Increases,
    IReadOnlyList<PlannedNode> Nodes,
    IReadOnlyList<UnplacedPod> Unplaced)
{
    public int NewNodes(string groupId) => Increases.FirstOrDefault(i => i.GroupId == groupId)?.NewNodes ?? 0;
}
