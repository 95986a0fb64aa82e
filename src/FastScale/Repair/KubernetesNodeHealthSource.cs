using FastScale.Engine.NodeGroups;
using FastScale.Engine.Repair;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace FastScale.Repair;

/// <summary>
/// The engine's node health, read from a node informer indexed by providerID: each lookup is an index read, no API call.
/// An instance's node carries <c>&lt;region&gt;.&lt;instance-id&gt;</c> as providerID on ECS, or the same with the
/// <c>alicloud://</c> scheme; both are looked up.
/// </summary>
/// <remarks>
/// The informer must be created with <see cref="InformerIndexes.ForNodes"/> (as <see cref="CreateInformer"/> does) and run
/// by the host; it may be shared with other readers of nodes.
/// </remarks>
internal sealed class KubernetesNodeHealthSource(IInformer<Node> nodes, string region) : INodeHealthSource
{
    private const string Scheme = "alicloud://";

    public bool HasSynced => nodes.HasSynced;

    public static IInformer<Node> CreateInformer(IKubernetesApiClient client, TimeProvider time, ILoggerFactory? loggerFactory = null) =>
        InformerFactory.Create(client, KubernetesResources.Nodes, indexers: InformerIndexes.ForNodes, timeProvider: time, loggerFactory: loggerFactory);

    public NodeHealth? Find(string instanceId)
    {
        var providerId = ProviderIds.Format(region, ProviderIds.InstanceIdOf(instanceId, region).ToString());
        return Pick(nodes.GetByIndex(InformerIndexes.ProviderId, providerId))
            ?? Pick(nodes.GetByIndex(InformerIndexes.ProviderId, Scheme + providerId));
    }

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
