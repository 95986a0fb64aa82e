using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>Builds a group's <see cref="NodeTemplate"/> from the policy: well-known labels, the group's own labels and taints, capacity and allocatable.</summary>
public static class NodeTemplateBuilder
{
    public static NodeTemplate Build(ScalePolicy policy, NodeGroupPolicy group)
    {
        var instanceType = group.InstanceTypes.FirstOrDefault() ?? "";
        var zone = group.Zones.FirstOrDefault()?.ZoneId ?? "";
        var name = $"template-node-for-{group.Id}";

        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownLabels.Os] = "linux",
            [WellKnownLabels.Arch] = ArchitectureOf(instanceType),
            [WellKnownLabels.Hostname] = name,
            [WellKnownLabels.InstanceType] = instanceType,
            [WellKnownLabels.Region] = policy.Region,
            [WellKnownLabels.Zone] = zone,
            [WellKnownLabels.NodeGroup] = group.Id,
        };
        foreach (var (key, value) in group.Labels)
        {
            labels[key] = value;
        }

        var capacity = new Dictionary<string, string>(StringComparer.Ordinal);
        var allocatable = new Dictionary<string, string>(StringComparer.Ordinal);
        AddResource(capacity, allocatable, "cpu", group.Resources.Cpu, group.Reserved.Cpu);
        AddResource(capacity, allocatable, "memory", group.Resources.Memory, group.Reserved.Memory);
        AddResource(capacity, allocatable, "pods", group.Resources.Pods, group.Reserved.Pods);
        AddResource(capacity, allocatable, "ephemeral-storage", group.Resources.EphemeralStorage, group.Reserved.EphemeralStorage);
        foreach (var (resource, amount) in group.Resources.Extended)
        {
            group.Reserved.Extended.TryGetValue(resource, out var reserved);
            AddResource(capacity, allocatable, resource, amount, reserved ?? "");
        }

        return new NodeTemplate(name, labels, group.Taints, capacity, allocatable);
    }

    /// <summary>ECS names its ARM (Yitian) families with a trailing 'y': ecs.g8y, ecs.c8y, ecs.r8y.</summary>
    internal static string ArchitectureOf(string instanceType)
    {
        var parts = instanceType.Split('.');
        return parts.Length >= 2 && parts[1].EndsWith('y') ? "arm64" : "amd64";
    }

    private static void AddResource(Dictionary<string, string> capacity, Dictionary<string, string> allocatable, string name, string amount, string reserved)
    {
        if (string.IsNullOrWhiteSpace(amount) || !Quantity.TryParse(amount, out var total))
        {
            return;
        }

        var kept = !string.IsNullOrWhiteSpace(reserved) && Quantity.TryParse(reserved, out var r) ? r : 0m;
        capacity[name] = QuantityFormat.Canonical(total, name);
        allocatable[name] = QuantityFormat.Canonical(Math.Max(0m, total - kept), name);
    }
}
