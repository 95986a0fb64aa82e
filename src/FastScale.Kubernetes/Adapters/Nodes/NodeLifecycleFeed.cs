using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;

namespace FastScale.Kubernetes.Adapters.Nodes;

/// <summary>
/// Tells the instance records what the cluster says of their Nodes (<see cref="NodeGroupRegistry.ObserveNode"/>): a
/// Node registered, Ready by the one definition (<see cref="NodeReady"/>), or gone. So an instance moves Running →
/// Registered → Ready in the engine's own model, and the autoscaler reads each instance under the providerID its Node
/// really carries. Runs on every replica: followers answer the autoscaler's reads too.
/// </summary>
internal sealed class NodeLifecycleFeed(NodeGroupRegistry registry, IInformer<Node> nodes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = nodes.Subscribe(replayExisting: true);
        try
        {
            await foreach (var change in changes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Observe(change);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal void Observe(InformerChange<Node> change)
    {
        var node = change.Object;
        if (node.Spec?.ProviderId is not { Length: > 0 } providerId)
        {
            return;
        }

        var registered = change.Type != InformerChangeType.Deleted;
        registry.ObserveNode(new NodeRef(providerId, node.Metadata?.Name), registered, registered && NodeReady.IsReady(node));
    }
}
