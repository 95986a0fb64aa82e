namespace FastScale.Kubernetes.Models;

public sealed record NodeSelectorTerm
{
    public IReadOnlyList<NodeSelectorRequirement>? MatchExpressions { get; init; }
    public IReadOnlyList<NodeSelectorRequirement>? MatchFields { get; init; }
}
