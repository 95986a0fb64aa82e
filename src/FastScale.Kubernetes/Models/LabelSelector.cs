namespace FastScale.Kubernetes.Models;

/// <summary>metav1.LabelSelector: matchLabels and matchExpressions, all of which must hold.</summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
