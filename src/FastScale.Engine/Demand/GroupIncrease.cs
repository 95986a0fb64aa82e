namespace FastScale.Engine.Demand;

/// <summary>"+N nodes of group G", with the numbers behind it.</summary>
/// <param name="PodsPlaced">Pending pods planned onto this group, on coming and new nodes together.</param>
/// <param name="PodsOnComingNodes">Of those, the pods that wait for nodes already asked for.</param>
public sealed record GroupIncrease(
    string GroupId,
    int NewNodes,
    int PodsPlaced,
    int PodsOnComingNodes,
    int ComingNodes,
    int TargetSize,
    int MaxSize)
{
    /// <summary>One line for the decision log: "group general +120: 118 pending pods, 4 pods/node, 6 upcoming (target 10, max 1000)".</summary>
    public string Describe()
    {
        var onNew = PodsPlaced - PodsOnComingNodes;
        var perNode = NewNodes > 0 ? $"{(double)onNew / NewNodes:0.#} pods/node" : "no new node";
        return $"group {GroupId} +{NewNodes}: {PodsPlaced} pending pods, {perNode}, {ComingNodes} upcoming taking {PodsOnComingNodes} (target {TargetSize}, max {MaxSize})";
    }
}
