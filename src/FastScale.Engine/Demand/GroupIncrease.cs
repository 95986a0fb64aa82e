namespace FastScale.Engine.Demand;

/// <summary>"+N nodes of group G", with the numbers behind it.</summary>
/// <param name="PodsPlaced">Pending pods planned onto this group: on its Ready nodes' free room, coming and new nodes together.</param>
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
    /// <summary>Of <see cref="PodsPlaced"/>, the pods that fit the free room of Ready nodes the scheduler has not used yet.</summary>
    public int PodsOnReadyNodes { get; init; }

    /// <summary>One line for the decision log: "group general +120: 118 pending pods, 4 pods/node, 6 upcoming (target 10, max 1000)".</summary>
    public string Describe()
    {
        var onNew = PodsPlaced - PodsOnComingNodes - PodsOnReadyNodes;
        var perNode = NewNodes > 0 ? $"{(double)onNew / NewNodes:0.#} pods/node" : "no new node";
        // Ready nodes' room only matters while the scheduler lags; most decisions have none, so the text stays short.
        var onReady = PodsOnReadyNodes > 0 ? $", {PodsOnReadyNodes} fit Ready nodes' free room" : "";
        return $"group {GroupId} +{NewNodes}: {PodsPlaced} pending pods, {perNode}, {ComingNodes} upcoming taking {PodsOnComingNodes}{onReady} (target {TargetSize}, max {MaxSize})";
    }
}
