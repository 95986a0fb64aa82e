using FastScale.Engine.Repair;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Repair;

/// <summary>
/// The engine's node health, read from a node informer indexed by instance id (<see cref="NodeIndexes"/>): each lookup
/// is an index read, no API call, and finds the node whichever providerID form it carries.
/// </summary>
/// <remarks>
/// The informer must be created with <see cref="NodeIndexes.ForNodes"/> (as <see cref="CreateInformer"/> does) and run
/// by the host; it may be shared with other readers of nodes.
/// </remarks>
internal sealed class KubernetesNodeHealthSource(IInformer<Node> nodes) : INodeHealthSource
{
    public bool HasSynced => nodes.HasSynced;

    public bool IsCurrent => nodes.IsCurrent;

    public int NodeCount => nodes.Count;

    public static IInformer<Node> CreateInformer(IKubernetesApiClient client, TimeProvider time, ILoggerFactory? loggerFactory = null) =>
        InformerFactory.Create(client, KubernetesResources.Nodes, indexers: NodeIndexes.ForNodes, timeProvider: time, loggerFactory: loggerFactory);

    public NodeHealth? Find(string instanceId) => Pick(NodeIndexes.NodesOf(nodes, instanceId));

    /// <summary>
    /// Nodes being deleted do not count. Should two nodes name the same instance (re-registered under a new name),
    /// a Ready one wins: one healthy node is enough for the instance to be doing its job.
    /// </summary>
    private static NodeHealth? Pick(IReadOnlyList<Node> candidates)
    {
        NodeHealth? found = null;
        foreach (var node in candidates)
        {
            if (node.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }

            var health = NodeHealthMapper.Map(node);
            if (health.IsReady)
            {
                return health;
            }

            found ??= health;
        }

        return found;
    }
}
