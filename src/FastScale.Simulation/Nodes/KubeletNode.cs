using FastScale.Ecs.Actions;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Machines;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// The Node a kubelet registers, built as a real kubelet builds it and not from the engine's node template, so that a
/// burst checks the template the autoscaler plans with against what nodes turn out to be. From the machine: the
/// well-known labels (os, arch, instance type, region, zone, hostname) and cpu and memory, as DescribeInstances reports
/// the instance and the machine knows its own architecture. From the group's kubelet flags: the extra labels and taints,
/// max-pods, the system disk, extended resources, and the reserved amounts that lower allocatable. The API server adds
/// the not-ready taint to every new Node.
/// </summary>
internal static class KubeletNode
{
    public const string Os = "kubernetes.io/os";
    public const string Arch = "kubernetes.io/arch";
    public const string Hostname = "kubernetes.io/hostname";
    public const string InstanceType = "node.kubernetes.io/instance-type";
    public const string Region = "topology.kubernetes.io/region";
    public const string Zone = "topology.kubernetes.io/zone";

    private const long Mebibyte = 1024 * 1024;

    /// <param name="machine">The instance as the kubelet's last DescribeInstances saw it.</param>
    /// <param name="configuredRegion">The region the kubelets are set up for, used when ECS's answer names none.</param>
    public static Node Build(string nodeName, EcsInstance machine, KubeletConfig config, string configuredRegion, DateTimeOffset now)
    {
        var region = machine.RegionId.Length > 0 ? machine.RegionId : configuredRegion;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Os] = machine.OSType.Length > 0 ? machine.OSType.ToLowerInvariant() : "linux",
            [Arch] = ArchitectureOf(machine.InstanceType),
            [Hostname] = nodeName,
            [Region] = region,
        };
        if (machine.ZoneId.Length > 0)
        {
            labels[Zone] = machine.ZoneId;
        }

        if (machine.InstanceType.Length > 0)
        {
            labels[InstanceType] = machine.InstanceType;
        }

        foreach (var (key, value) in config.NodeLabels)
        {
            labels[key] = value;
        }

        var capacity = Capacity(machine, config);
        var taints = config.RegisterWithTaints.ToList();
        taints.Add(new Taint { Key = NodeTaints.NotReady, Effect = "NoSchedule", TimeAdded = now });
        return new Node
        {
            Metadata = new ObjectMeta
            {
                Name = nodeName,
                Labels = labels,
                Annotations = new Dictionary<string, string> { [NodeTaints.SimulatedAnnotation] = "true" },
            },
            Spec = new NodeSpec { ProviderId = SimulatedProviderIds.Format(region, machine.InstanceId), Taints = taints },
            Status = new NodeStatus
            {
                Capacity = capacity.ToDictionary(r => r.Key, r => KubeletResources.Format(r.Key, r.Value), StringComparer.Ordinal),
                Allocatable = capacity.ToDictionary(
                    r => r.Key, r => KubeletResources.Format(r.Key, Math.Max(0m, r.Value - config.Reserved.GetValueOrDefault(r.Key))), StringComparer.Ordinal),
                Conditions = NodeObjects.NotReadyConditions(now),
                Addresses = [new NodeAddress { Type = "Hostname", Address = nodeName }],
            },
        };
    }

    /// <summary>As the kubelet's runtime reports it (GOARCH); a type the simulated world does not list is taken as x86.</summary>
    public static string ArchitectureOf(string instanceType) =>
        InstanceTypeCatalog.Embedded.Find(instanceType)?.Architecture == InstanceTypeSpec.Arm ? "arm64" : "amd64";

    private static Dictionary<string, decimal> Capacity(EcsInstance machine, KubeletConfig config)
    {
        var capacity = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (machine.Cpu > 0)
        {
            capacity[KubeletResources.Cpu] = machine.Cpu;
        }

        if (machine.MemoryMiB > 0)
        {
            capacity[KubeletResources.Memory] = machine.MemoryMiB * (decimal)Mebibyte;
        }

        foreach (var (resource, amount) in config.DeclaredCapacity)
        {
            capacity[resource] = amount;
        }

        return capacity;
    }
}
