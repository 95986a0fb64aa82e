using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Nodes;

/// <summary>
/// The provider's one watch on the cluster's nodes, indexed by instance id (<see cref="NodeIndexes"/>). Everything that
/// asks about nodes (fast mode's readiness, repair) reads this cache; none of it calls the API server.
/// </summary>
internal sealed class NodeCache(IKubernetesApiClient client, TimeProvider time, ILoggerFactory logging) : BackgroundService
{
    public IInformer<Node> Informer { get; } = InformerFactory.Create(
        client, KubernetesResources.Nodes, null, NodeIndexes.ForNodes, time, loggerFactory: logging);

    /// <summary>The node of the instance <paramref name="providerId"/> names (in any accepted form), if it has registered.</summary>
    public Node? ByProviderId(string providerId) => NodeIndexes.NodesOf(Informer, providerId) is [var node, ..] ? node : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Informer.RunAsync(stoppingToken);
}
