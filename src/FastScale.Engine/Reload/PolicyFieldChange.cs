namespace FastScale.Engine.Reload;

/// <summary>One changed field: <c>pacing</c>, or <c>nodeGroups[1].imageId</c> with the group's index in the new policy.</summary>
public sealed record PolicyFieldChange(string Path, ReloadScope Scope, string Before, string After)
{
    public override string ToString() => $"{Path}: {Before} -> {After}";
}
