namespace FastScale.Kubernetes.Models;

public sealed record LabelSelectorRequirement
{
    public string? Key { get; init; }

    /// <summary>In, NotIn, Exists, DoesNotExist.</summary>
    public string? Operator { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}
