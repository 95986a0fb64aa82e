namespace FastScale.Engine.NodeGroups;

public static class WellKnownLabels
{
    public const string Os = "kubernetes.io/os";
    public const string Arch = "kubernetes.io/arch";
    public const string Hostname = "kubernetes.io/hostname";
    public const string InstanceType = "node.kubernetes.io/instance-type";
    public const string Region = "topology.kubernetes.io/region";
    public const string Zone = "topology.kubernetes.io/zone";

    /// <summary>Set on every node FastScale launches, so a node can be traced to its group without the cloud.</summary>
    public const string NodeGroup = "fastscale.io/node-group";
}
