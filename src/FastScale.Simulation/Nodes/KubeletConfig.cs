using FastScale.Engine.Policy;
using FastScale.Kubernetes.Models;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// How a group's kubelets are started, read from the group as the user wrote it in the policy: <c>--node-labels</c>
/// (the group's labels, plus the group id the bootstrap script adds), <c>--register-with-taints</c>, <c>--max-pods</c>,
/// the system disk, the device plugins' extended resources, and kube-reserved/system-reserved. What the machine is
/// (vCPUs, memory, zone, type) is not here: the kubelet learns it from the instance.
/// </summary>
internal sealed record KubeletConfig(
    string GroupId,
    string? ImageKind,
    IReadOnlyDictionary<string, string> NodeLabels,
    IReadOnlyList<Taint> RegisterWithTaints,
    IReadOnlyDictionary<string, decimal> DeclaredCapacity,
    IReadOnlyDictionary<string, decimal> Reserved)
{
    /// <summary>Set by the bootstrap script on every node FastScale launches, from the group the instance was tagged with.</summary>
    public const string NodeGroupLabel = "fastscale.io/node-group";

    public static KubeletConfig For(NodeGroupPolicy group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var labels = new Dictionary<string, string>(group.Labels, StringComparer.Ordinal) { [NodeGroupLabel] = group.Id };
        var taints = group.Taints
            .Select(t => new Taint { Key = t.Key, Value = string.IsNullOrEmpty(t.Value) ? null : t.Value, Effect = t.Effect })
            .ToList();

        // ECS says nothing of these: max-pods is a kubelet flag, the system disk a launch parameter, extended resources
        // what the device plugins will advertise.
        var declared = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(declared, KubeletResources.Pods, group.Resources.Pods);
        Add(declared, KubeletResources.EphemeralStorage, group.Resources.EphemeralStorage);
        foreach (var (resource, amount) in group.Resources.Extended)
        {
            Add(declared, resource, amount);
        }

        var reserved = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(reserved, KubeletResources.Cpu, group.Reserved.Cpu);
        Add(reserved, KubeletResources.Memory, group.Reserved.Memory);
        Add(reserved, KubeletResources.Pods, group.Reserved.Pods);
        Add(reserved, KubeletResources.EphemeralStorage, group.Reserved.EphemeralStorage);
        foreach (var (resource, amount) in group.Reserved.Extended)
        {
            Add(reserved, resource, amount);
        }

        return new KubeletConfig(group.Id, group.ImageKind, labels, taints, declared, reserved);
    }

    private static void Add(Dictionary<string, decimal> into, string resource, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && Quantity.TryParse(text, out var amount))
        {
            into[resource] = amount;
        }
    }
}
