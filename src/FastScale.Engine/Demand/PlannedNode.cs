namespace FastScale.Engine.Demand;

/// <summary>One node of the plan and the pods packed onto it. <paramref name="Coming"/>: a node already asked for, not a new one.</summary>
public sealed record PlannedNode(string GroupId, bool Coming, IReadOnlyList<PendingPod> Pods);
