namespace FastScale.Simulation.Nodes;

/// <summary>The taints Kubernetes itself manages on nodes, and the annotation that marks a Node as ours.</summary>
internal static class NodeTaints
{
    /// <summary>Added to every new Node by the API server; the node lifecycle controller lifts it once Ready=True.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>What the node lifecycle controller puts on a node whose kubelet stopped reporting (Ready=Unknown).</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>On every Node the simulation creates, so after a restart it adopts its own Nodes and no one else's.</summary>
    public const string SimulatedAnnotation = "simulation.fastscale.io/kubelet";
}
