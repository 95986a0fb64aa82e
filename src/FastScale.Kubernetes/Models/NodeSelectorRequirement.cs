namespace FastScale.Kubernetes.Models;

public sealed record NodeSelectorRequirement
{
    public string? Key { get; init; }

    /// <summary>In, NotIn, Exists, DoesNotExist, Gt, Lt.</summary>
    public string? Operator { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}
