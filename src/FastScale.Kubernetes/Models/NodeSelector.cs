namespace FastScale.Kubernetes.Models;

/// <summary>The terms are ORed; the expressions inside one term are ANDed.</summary>
public sealed record NodeSelector
{
    public IReadOnlyList<NodeSelectorTerm>? NodeSelectorTerms { get; init; }
}
