using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;

namespace FastScale.LoadTests.Cluster;

/// <summary>
/// Our informer against the cluster simulator at scale: N nodes and M pods in the store, I pod informers (each with
/// its own client, as separate controllers would have) listing in pages and then watching over real HTTP, then paced
/// pod updates. Prints list/sync time, the memory the informers' caches add, and delivery latency from the writer's
/// send to each informer subscriber's receipt of the change (p50/p99 over every delivery). Targets as for raw
/// watchers: at most 1 GiB for the simulator alone, p99 at most 100 ms.
///   (wire in Program.cs)  informers [nodes] [pods] [informers]
/// </summary>
internal static class InformerLoadTest
{
    private const string SentAnnotation = "fastscale.io/sent";

    public static async Task<int> RunAsync(int nodes, int pods, int informers, int updates = 10_000, int updatesPerSecond = 1_000)
    {
        var time = TimeProvider.System;
        await using var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        ClusterSeed.Nodes(server.Store, nodes);
        ClusterSeed.Pods(server.Store, pods, nodes);
        var (heapSeeded, _) = DeliveryFigures.Memory();
        Print($"seeded {nodes} nodes, {pods} pods; GC heap {heapSeeded / 1048576.0:0} MiB (simulator only)");

        using var stop = new CancellationTokenSource();
        var clients = new List<IKubernetesApiClient>();
        var runs = new List<Task>();
        var readers = new List<Task>();
        var latencies = new List<double>[informers];
        var syncStart = time.GetTimestamp();
        var caches = new List<IInformer<Pod>>();
        for (var i = 0; i < informers; i++)
        {
            var client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(server.Address, "load"), new KubernetesClientOptions(), time);
            clients.Add(client);
            var informer = InformerFactory.Create(client, KubernetesResources.Pods, new InformerOptions(), InformerIndexes.ForPods, time, new Random(i).NextDouble);
            caches.Add(informer);
            latencies[i] = new List<double>(updates);
            readers.Add(ReadAsync(informer.Subscribe(replayExisting: false), latencies[i], time, stop.Token));
            runs.Add(informer.RunAsync(stop.Token));
        }

        await Task.WhenAll(caches.Select(c => c.WaitForSyncAsync(stop.Token)));
        var syncSeconds = time.GetElapsedTime(syncStart).TotalSeconds;
        var (heapSynced, workingSetSynced) = DeliveryFigures.Memory();
        Print($"{informers} pod informers synced ({caches.Sum(c => c.Count)} cached objects) in {syncSeconds:0.0} s");
        Print($"memory after sync: GC heap {heapSynced / 1048576.0:0} MiB (+{(heapSynced - heapSeeded) / 1048576.0 / informers:0} MiB per informer), working set {workingSetSynced / 1048576.0:0} MiB");

        // Every informer's watch must be open before the first write, or its first events would come from a relist.
        for (var waited = 0; waited < 300 && server.Counters.WatchersActive < informers; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "load");
        var gcBefore = GcCounts();
        var writeStart = time.GetTimestamp();
        await ClusterLoadTest.WriteAsync(http, pods, updates, updatesPerSecond, time);
        var writeSeconds = time.GetElapsedTime(writeStart).TotalSeconds;
        var expected = (long)updates * informers;
        for (var waited = 0; waited < 300 && DeliveryFigures.Delivered(latencies) < expected; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        var gcAfter = GcCounts();
        var (heapLoaded, workingSetLoaded) = DeliveryFigures.Memory();
        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64;
        await stop.CancelAsync();
        await Task.WhenAll(runs.Concat(readers));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        var all = latencies.SelectMany(l => { lock (l) { return l.ToArray(); } }).Order().ToArray();
        Print($"{updates} pod updates at {updates / writeSeconds:0}/s, {informers} informers: {all.Length} of {expected} deliveries, {server.Counters.WatchersDropped} watchers dropped");
        Print($"informer delivery latency write->subscriber: p50 {DeliveryFigures.Percentile(all, 0.50):0.0} ms  p90 {DeliveryFigures.Percentile(all, 0.90):0.0} ms  p99 {DeliveryFigures.Percentile(all, 0.99):0.0} ms  max {all.LastOrDefault():0.0} ms");
        Print($"GC while updating: gen0 {gcAfter.Gen0 - gcBefore.Gen0}, gen1 {gcAfter.Gen1 - gcBefore.Gen1}, gen2 {gcAfter.Gen2 - gcBefore.Gen2} collections, {(gcAfter.Paused - gcBefore.Paused).TotalMilliseconds:0} ms paused in all");
        Print($"memory under load: GC heap {heapLoaded / 1048576.0:0} MiB, working set {workingSetLoaded / 1048576.0:0} MiB, peak working set {peak / 1048576.0:0} MiB");
        var pass = DeliveryFigures.Percentile(all, 0.99) <= 100 && all.Length == expected;
        Print(pass ? "targets met (p99 <= 100 ms, every change delivered)" : "TARGETS MISSED");
        return pass ? 0 : 1;
    }

    private static async Task ReadAsync(System.Threading.Channels.ChannelReader<InformerChange<Pod>> changes, List<double> latencies, TimeProvider time, CancellationToken stop)
    {
        try
        {
            await foreach (var change in changes.ReadAllAsync(stop))
            {
                var received = time.GetTimestamp();
                if (change.Type == InformerChangeType.Updated
                    && change.Object.Metadata?.Annotations?.GetValueOrDefault(SentAnnotation) is { } sentText
                    && sentText != change.Previous?.Metadata?.Annotations?.GetValueOrDefault(SentAnnotation))
                {
                    var sent = long.Parse(sentText, CultureInfo.InvariantCulture);
                    lock (latencies)
                    {
                        latencies.Add(time.GetElapsedTime(sent, received).TotalMilliseconds);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Pauses show up as latency outliers on every informer at once: counted so a p99 can be read against them.</summary>
    private static (int Gen0, int Gen1, int Gen2, TimeSpan Paused) GcCounts() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    private static void Print(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"informers: {line}"));
}
