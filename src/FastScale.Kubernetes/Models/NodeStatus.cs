namespace FastScale.Kubernetes.Models;

public sealed record NodeStatus
{
    /// <summary>Quantities stay strings here; the engine's Quantity parser reads them.</summary>
    public IReadOnlyDictionary<string, string>? Capacity { get; init; }
    public IReadOnlyDictionary<string, string>? Allocatable { get; init; }
    public IReadOnlyList<NodeCondition>? Conditions { get; init; }
    public IReadOnlyList<NodeAddress>? Addresses { get; init; }
}
