using System.Text.Json;
using System.Text.Json.Nodes;
using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Cluster;

/// <summary>
/// Keeps pods off the nodes of warm-pool instances. A prebaked image can boot and register while its instance is
/// being warmed, before the pool stops it; such a node is cordoned and tainted until a scale-out takes the instance,
/// and then opened again. Nodes FastScale did not close are never opened.
/// </summary>
internal sealed class WarmNodeGuard(
    Func<IReadOnlyList<Node>> nodes,
    Func<NodeRef, bool> isWarm,
    IKubernetesApiClient client,
    TimeProvider time,
    ILogger<WarmNodeGuard> logger) : BackgroundService
{
    public const string TaintKey = "fastscale.io/warm-pool";

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepOnceAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One pass over the cached nodes; returns how many were closed or opened.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var node in nodes())
        {
            var name = node.Metadata?.Name;
            if (name is null || node.Spec?.ProviderId is not { } providerId)
            {
                continue;
            }

            var taints = node.Spec.Taints ?? [];
            var closedByUs = taints.Any(t => t.Key == TaintKey);
            var warm = isWarm(new NodeRef(providerId, name));
            if (warm == closedByUs)
            {
                continue;
            }

            var kept = taints.Where(t => t.Key != TaintKey).Select(t => JsonSerializer.SerializeToNode(t, KubernetesJsonContext.Default.Taint)).ToList();
            if (warm)
            {
                kept.Add(new JsonObject { ["key"] = TaintKey, ["value"] = "true", ["effect"] = "NoSchedule" });
            }

            var patch = new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = warm, ["taints"] = new JsonArray([.. kept]) } };
            var result = await client.PatchAsync(KubernetesResources.Nodes, null, name, JsonSerializer.SerializeToUtf8Bytes(patch), PatchTarget.Object, cancellationToken);
            if (result.IsSuccess)
            {
                changed++;
                Log.WarmNodeChanged(logger, name, warm ? "closed: its instance is in the warm pool" : "opened: a scale-out took its instance");
            }
            else
            {
                Log.WarmNodeChangeFailed(logger, name, result.Error!.Message);
            }
        }

        return changed;
    }
}
