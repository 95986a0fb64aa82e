using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Nodes;

/// <summary>
/// Keeps pods off the nodes of warm-pool instances. A prebaked image can boot and register while its instance is
/// being warmed, before the pool stops it; such a node is cordoned and tainted until a scale-out takes the instance,
/// and then opened again. Nodes FastScale did not close are never opened.
/// </summary>
/// <remarks>
/// Driven by the node informer's changes: a taken instance's node is opened the moment its kubelet reports it Ready
/// (that status write is a change), not up to a sweep interval later, which would add its whole length to a warm
/// start's readiness. A sweep every <see cref="Interval"/> remains as the fallback for what no node change announces
/// (an instance taken whose node stays silent, a patch that failed).
/// </remarks>
internal sealed class WarmNodeGuard(
    IInformer<Node> nodes,
    Func<NodeRef, bool> isWarm,
    IKubernetesApiClient client,
    TimeProvider time,
    ILogger<WarmNodeGuard> logger) : BackgroundService
{
    public const string TaintKey = "fastscale.io/warm-pool";

    /// <summary>The fallback sweep's period. Default 2 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Node patches in flight at once. Default 16.</summary>
    public int Parallelism { get; init; } = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await nodes.WaitForSyncAsync(stoppingToken);
            await RunAsync(nodes.Subscribe(replayExisting: true), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Guards each node as its changes arrive, and sweeps every <see cref="Interval"/>.</summary>
    internal async Task RunAsync(ChannelReader<InformerChange<Node>> changes, CancellationToken cancellationToken)
    {
        var open = true;
        var nextSweep = time.GetUtcNow() + Interval;
        while (!cancellationToken.IsCancellationRequested)
        {
            // The latest version of each changed node, guarded in parallel: a warm burst turns hundreds Ready at once.
            var latest = new Dictionary<string, Node?>(StringComparer.Ordinal);
            while (changes.TryRead(out var change))
            {
                if (change.Object.Metadata?.Name is { } name)
                {
                    latest[name] = change.Type == InformerChangeType.Deleted ? null : change.Object;
                }
            }

            await Parallel.ForEachAsync(
                latest.Values.OfType<Node>(),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (node, ct) => await GuardAsync(node, ct));

            if (time.GetUtcNow() >= nextSweep)
            {
                await SweepOnceAsync(cancellationToken);
                nextSweep = time.GetUtcNow() + Interval;
            }

            var left = nextSweep - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sweepDue = Task.Delay(left, time, wait.Token);
            var changed = open ? changes.WaitToReadAsync(wait.Token).AsTask() : Task.FromResult(false);
            var first = await Task.WhenAny(sweepDue, changed);
            if (first == changed && changed.IsCompletedSuccessfully && !changed.Result)
            {
                // The informer is gone: the sweep alone keeps the nodes right from now on.
                open = false;
                await sweepDue.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await wait.CancelAsync();
            await Task.WhenAll(sweepDue, changed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One pass over the cached nodes; returns how many were closed or opened.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var node in nodes.List())
        {
            changed += await GuardAsync(node, cancellationToken) ? 1 : 0;
        }

        return changed;
    }

    /// <summary>Closes the node of a warm instance, opens one we closed whose instance left the pool; true when it patched.</summary>
    internal async Task<bool> GuardAsync(Node node, CancellationToken cancellationToken)
    {
        var name = node.Metadata?.Name;
        if (name is null || node.Spec?.ProviderId is not { } providerId)
        {
            return false;
        }

        var taints = node.Spec.Taints ?? [];
        var closedByUs = taints.Any(t => t.Key == TaintKey);
        var warm = isWarm(new NodeRef(providerId, name));
        if (warm == closedByUs)
        {
            return false;
        }

        var kept = taints.Where(t => t.Key != TaintKey).Select(t => JsonSerializer.SerializeToNode(t, KubernetesJsonContext.Default.Taint)).ToList();
        if (warm)
        {
            kept.Add(new JsonObject { ["key"] = TaintKey, ["value"] = "true", ["effect"] = "NoSchedule" });
        }

        var patch = new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = warm, ["taints"] = new JsonArray([.. kept]) } };
        var result = await client.PatchAsync(KubernetesResources.Nodes, null, name, JsonSerializer.SerializeToUtf8Bytes(patch), PatchTarget.Object, cancellationToken);
        if (!result.IsSuccess)
        {
            Log.WarmNodeChangeFailed(logger, name, result.Error!.Message);
            return false;
        }

        Log.WarmNodeChanged(logger, name, warm ? "closed: its instance is in the warm pool" : "opened: a scale-out took its instance");
        return true;
    }
}
