namespace FastScale.Engine.Policy;

public sealed class NodeGroupPolicy
{
    /// <summary>Unique id, as the autoscaler sees it. Lower-case letters, digits and '-'.</summary>
    public string Id { get; set; } = "";
    public int MinSize { get; set; }
    public int MaxSize { get; set; }

    public string ImageId { get; set; } = "";

    /// <summary>prebaked (ContainerOS-style, components and images preloaded) or general (general-purpose OS).</summary>
    public string ImageKind { get; set; } = "prebaked";

    /// <summary>Instance types in preference order: on stock-out the launcher moves to the next.</summary>
    public List<string> InstanceTypes { get; set; } = [];

    /// <summary>Zones with their vSwitch, in preference order.</summary>
    public List<ZonePolicy> Zones { get; set; } = [];

    public string SecurityGroupId { get; set; } = "";

    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);
    public List<TaintPolicy> Taints { get; set; } = [];

    /// <summary>Capacity of one node (Kubernetes quantities).</summary>
    public NodeResources Resources { get; set; } = new();

    /// <summary>What kubelet and system daemons keep back: allocatable = capacity − reserved.</summary>
    public NodeResources Reserved { get; set; } = new();

    /// <summary>
    /// What the cluster's DaemonSet pods take on every node of the group. The demand planner packs pending pods into
    /// allocatable − overhead; the template the autoscaler reads is unchanged (it simulates DaemonSets itself). Default: none.
    /// </summary>
    public NodeResources DaemonSetOverhead { get; set; } = new();

    public WarmPoolPolicy WarmPool { get; set; } = new();
    public RepairPolicy Repair { get; set; } = new();

    /// <summary>How drifted nodes are replaced: surge, unavailability, drain timeout, window, pause.</summary>
    public RolloutPolicy Rollout { get; set; } = new();

    /// <summary>Prices, when known: PricingNodePrice/PricingPodPrice answer from them, else UNIMPLEMENTED.</summary>
    public PricePolicy? Prices { get; set; }

    /// <summary>Per-group autoscaler options; unset fields fall back to the autoscaler's own defaults.</summary>
    public AutoscalingOptionsPolicy AutoscalingOptions { get; set; } = new();
}
