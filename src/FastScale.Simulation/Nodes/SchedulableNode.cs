using FastScale.Engine.Policy;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>A node as one scheduling cycle sees it: its labels, taints and readiness, allocatable, and what bound (or
/// just now assumed) pods already take.</summary>
internal sealed class SchedulableNode
{
    public SchedulableNode(string name, IReadOnlyDictionary<string, string> labels, IReadOnlyList<Taint> taints, bool ready, bool unschedulable, IReadOnlyDictionary<string, decimal> allocatable)
    {
        Name = name;
        Labels = labels;
        Taints = taints;
        Ready = ready;
        Unschedulable = unschedulable;
        Allocatable = allocatable;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyList<Taint> Taints { get; }
    public bool Ready { get; }
    public bool Unschedulable { get; }
    public IReadOnlyDictionary<string, decimal> Allocatable { get; }
    public Dictionary<string, decimal> Used { get; } = new(StringComparer.Ordinal);

    public static SchedulableNode Of(Node node)
    {
        var allocatable = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, text) in node.Status?.Allocatable ?? node.Status?.Capacity ?? new Dictionary<string, string>())
        {
            if (Quantity.TryParse(text, out var amount))
            {
                allocatable[name] = amount;
            }
        }

        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
        return new SchedulableNode(
            node.Metadata?.Name ?? "",
            node.Metadata?.Labels ?? new Dictionary<string, string>(),
            node.Spec?.Taints ?? [],
            ready,
            node.Spec?.Unschedulable == true,
            allocatable);
    }

    public void Add(IReadOnlyDictionary<string, decimal> requests)
    {
        foreach (var (name, amount) in requests)
        {
            Used[name] = Used.GetValueOrDefault(name) + amount;
        }
    }
}
