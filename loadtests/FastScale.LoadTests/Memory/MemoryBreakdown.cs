using System.Globalization;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.LoadTests.Memory;

/// <summary>
/// Where the provider's heap goes: the provider's three watches rebuilt in this process, one at a time, on one client
/// (as the provider shares one), each built by the same factory methods the provider's composition calls, against the
/// same simulator. The heap is measured after a full collection before and after each one syncs, so each figure is what
/// that cache keeps, per object; what the provider's heap holds beyond their sum is the engine and the host.
/// </summary>
internal static class MemoryBreakdown
{
    public static async Task<IReadOnlyList<(string Cache, int Objects, long Bytes)>> MeasureAsync(Uri server, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(server, "breakdown"), new KubernetesClientOptions(), time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = new List<Task>();
        var figures = new List<(string, int, long)>();
        var before = Heap();

        // Unbound pods with fast mode's view of them (the pending-pod set it plans from), as KubernetesPendingPodSource holds them.
        var pending = KubernetesPendingPodSource.CreateInformer(client, time);
        var source = new KubernetesPendingPodSource(pending);
        runs.Add(source.RunAsync(stop.Token));
        await pending.WaitForSyncAsync(cancellationToken);
        await WaitAsync(() => source.Snapshot().Count == pending.Count, time, cancellationToken);
        before = Add(figures, "unbound pods (informer + fast mode's pending set)", pending.Count, before);

        var bound = BoundPodLedger.CreateInformer(client, time);
        runs.Add(bound.RunAsync(stop.Token));
        await bound.WaitForSyncAsync(cancellationToken);
        before = Add(figures, "bound pods (informer)", bound.Count, before);

        var nodes = InformerFactory.Create(client, KubernetesResources.Nodes, null, NodeIndexes.ForNodes, time);
        runs.Add(nodes.RunAsync(stop.Token));
        await nodes.WaitForSyncAsync(cancellationToken);
        Add(figures, "nodes (informer, by-instance index)", nodes.Count, before);

        GC.KeepAlive(source);
        await stop.CancelAsync();
        await Task.WhenAll(runs);
        return figures;
    }

    public static void Print(IReadOnlyList<(string Cache, int Objects, long Bytes)> figures, long providerHeap, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| where (measured in the load test's process, same code) | objects | heap | per object |");
        output.WriteLine("|---|--:|--:|--:|");
        foreach (var (cache, objects, bytes) in figures)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cache} | {objects:N0} | {bytes / 1048576.0:0.0} MiB | {bytes / (double)Math.Max(1, objects):0} bytes |"));
        }

        var caches = figures.Sum(f => f.Bytes);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| the provider's heap beyond these caches (engine, registry of instances, host) | | {(providerHeap - caches) / 1048576.0:0.0} MiB | |"));
    }

    private static long Add(List<(string, int, long)> figures, string cache, int objects, long before)
    {
        var after = Heap();
        figures.Add((cache, objects, after - before));
        return after;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task WaitAsync(Func<bool> done, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var waited = 0; !done() && waited < 600; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }
}
