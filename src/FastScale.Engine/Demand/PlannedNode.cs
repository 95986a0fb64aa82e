namespace FastScale.Engine.Demand;

/// <summary>One node of the plan and the pods packed onto it. <paramref name="Coming"/>: a node already asked for, not a new one.</summary>
public sealed record PlannedNode(string GroupId, bool Coming, IReadOnlyList<PendingPod> Pods)
{
    /// <summary>Which of the group's <see cref="DemandGroup.ReadyRoom"/> entries this is, or -1 when it is not a Ready node.</summary>
    public int ReadyIndex { get; init; } = -1;

    /// <summary>A Ready node's free room, which the scheduler has not used yet: neither coming nor new.</summary>
    public bool Ready => ReadyIndex >= 0;

    /// <summary>A node the plan asks for.</summary>
    public bool New => !Coming && !Ready;
}
