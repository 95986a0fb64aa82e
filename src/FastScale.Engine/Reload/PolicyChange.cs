namespace FastScale.Engine.Reload;

/// <summary>
/// The difference between the policy in force and a candidate, classified (<see cref="PolicyDiff.Between"/>). A value:
/// it says what would change, not whether the groups' current state allows it (that is <see cref="PolicyReloader"/>'s call).
/// </summary>
public sealed record PolicyChange(
    IReadOnlyList<PolicyFieldChange> Fields,
    IReadOnlyList<string> AddedGroups,
    IReadOnlyList<string> RemovedGroups,
    bool GroupOrderChanged)
{
    public bool IsEmpty => Fields.Count == 0 && AddedGroups.Count == 0 && RemovedGroups.Count == 0 && !GroupOrderChanged;

    public IEnumerable<PolicyFieldChange> Runtime => Fields.Where(f => f.Scope == ReloadScope.Runtime);

    public IEnumerable<PolicyFieldChange> NeedsRestart => Fields.Where(f => f.Scope == ReloadScope.Restart);

    /// <summary>The changed field paths, for a log line: <c>pacing, nodeGroups[0].imageId</c>.</summary>
    public string Summary => IsEmpty ? "nothing" : string.Join(", ", Fields.Select(f => f.Path));
}
