using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Cluster;

/// <summary>
/// The provider's one watch on the cluster's nodes, indexed by providerID. Everything that asks about nodes (fast
/// mode's readiness, repair) reads this cache; none of it calls the API server.
/// </summary>
internal sealed class NodeCache(IKubernetesApiClient client, TimeProvider time, ILoggerFactory logging) : BackgroundService
{
    public IInformer<Node> Informer { get; } = InformerFactory.Create(
        client, KubernetesResources.Nodes, null, InformerIndexes.ForNodes, time, loggerFactory: logging);

    /// <summary>The node whose spec.providerID is <paramref name="providerId"/>, if it has registered.</summary>
    public Node? ByProviderId(string providerId) =>
        Informer.GetByIndex(InformerIndexes.ProviderId, providerId) is [var node, ..] ? node : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Informer.RunAsync(stoppingToken);
}
