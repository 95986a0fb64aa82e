namespace FastScale.Engine.Repair;

/// <summary>
/// What the cluster says about the nodes of our instances. The engine knows nothing of Kubernetes: the host implements
/// this over its node informer (indexed by providerID), tests with a fake. Reads must be cheap (a dictionary lookup):
/// the repairer asks once per instance per pass.
/// </summary>
public interface INodeHealthSource
{
    /// <summary>
    /// True once the source holds the cluster's full list of nodes. Before that a missing node means nothing, so the
    /// repairer does not run at all.
    /// </summary>
    bool HasSynced { get; }

    /// <summary>
    /// True while the source follows the cluster. False while the API server is out of reach: the nodes it returns are
    /// the cluster as it was, so a node that looks NotReady (or missing) may be neither, and the repairer judges nothing.
    /// </summary>
    bool IsCurrent => HasSynced;

    /// <summary>
    /// How many Nodes the cluster has, ours or not: the cluster-autoscaler's unready tolerance is a share of it, and
    /// the warm pools keep their parked Nodes within that tolerance.
    /// </summary>
    int NodeCount { get; }

    /// <summary>
    /// The node of an instance, by instance id or by providerID (any accepted form); null when no Node names it.
    /// </summary>
    NodeHealth? Find(string instanceId);
}
