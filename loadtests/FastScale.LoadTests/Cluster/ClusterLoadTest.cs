using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FastScale.Simulation.Cluster;

namespace FastScale.LoadTests.Cluster;

/// <summary>
/// The cluster simulator at scale: N nodes and M pods in the store, W pod watchers over real HTTP, then paced pod
/// updates. Prints memory (GC heap, working set) and fan-out latency from the writer's send to each watcher's
/// receipt (p50/p99 over every delivery). Targets: at most 1 GiB, p99 at most 100 ms.
///   dotnet run -c Release --project loadtests/FastScale.LoadTests -- cluster [nodes] [pods] [watchers]
/// </summary>
internal static class ClusterLoadTest
{
    private const string SentKey = "\"fastscale.io/sent\":\"";

    public static async Task<int> RunAsync(int nodes, int pods, int watchers, int updates = 10_000, int updatesPerSecond = 1_000)
    {
        var time = TimeProvider.System;
        await using var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        var seedStart = time.GetTimestamp();
        ClusterSeed.Nodes(server.Store, nodes);
        ClusterSeed.Pods(server.Store, pods, nodes);
        var seedSeconds = time.GetElapsedTime(seedStart).TotalSeconds;
        var (heapSeeded, workingSetSeeded) = DeliveryFigures.Memory();
        Print($"seeded {nodes} nodes, {pods} pods in {seedSeconds:0.0} s (resourceVersion {server.Store.ResourceVersion})");
        Print($"memory after seeding: GC heap {heapSeeded / 1048576.0:0} MiB, working set {workingSetSeeded / 1048576.0:0} MiB");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = watchers + 8 }) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "load");
        var listStart = time.GetTimestamp();
        using (var list = await http.GetAsync("/api/v1/pods", HttpCompletionOption.ResponseContentRead))
        {
            Print($"full pod list over HTTP: {list.Content.Headers.ContentLength / 1048576.0:0.0} MiB in {time.GetElapsedTime(listStart).TotalMilliseconds:0} ms");
        }

        using var stop = new CancellationTokenSource();
        var latencies = new List<double>[watchers];
        var from = server.Store.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        var readers = new List<Task>();
        for (var w = 0; w < watchers; w++)
        {
            latencies[w] = new List<double>(updates);
            var response = await http.GetAsync($"/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion={from}", HttpCompletionOption.ResponseHeadersRead);
            readers.Add(ReadWatchAsync(response, latencies[w], time, stop.Token));
        }

        var writeStart = time.GetTimestamp();
        await WriteAsync(http, pods, updates, updatesPerSecond, time);
        var writeSeconds = time.GetElapsedTime(writeStart).TotalSeconds;
        var expected = (long)updates * watchers;
        for (var waited = 0; waited < 300 && DeliveryFigures.Delivered(latencies) < expected; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        var (heapLoaded, workingSetLoaded) = DeliveryFigures.Memory();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var all = latencies.SelectMany(l => { lock (l) { return l.ToArray(); } }).Order().ToArray();
        Print($"{updates} pod updates at {updates / writeSeconds:0}/s, {watchers} watchers: {all.Length} of {expected} deliveries, {server.Counters.WatchersDropped} watchers dropped");
        Print($"fan-out latency write->delivery: p50 {DeliveryFigures.Percentile(all, 0.50):0.0} ms  p90 {DeliveryFigures.Percentile(all, 0.90):0.0} ms  p99 {DeliveryFigures.Percentile(all, 0.99):0.0} ms  max {all.LastOrDefault():0.0} ms");
        Print($"memory under load: GC heap {heapLoaded / 1048576.0:0} MiB, working set {workingSetLoaded / 1048576.0:0} MiB, peak working set {peak / 1048576.0:0} MiB");
        var pass = peak <= 1L << 30 && DeliveryFigures.Percentile(all, 0.99) <= 100 && all.Length == expected;
        Print(pass ? "targets met (<= 1 GiB, p99 <= 100 ms, every event delivered)" : "TARGETS MISSED");
        return pass ? 0 : 1;
    }

    internal static async Task WriteAsync(HttpClient http, int pods, int updates, int perSecond, TimeProvider time)
    {
        const int batch = 10;
        var start = time.GetTimestamp();
        for (var i = 0; i < updates; i += batch)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - time.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, time);
            }

            await Task.WhenAll(Enumerable.Range(i, Math.Min(batch, updates - i)).Select(async n =>
            {
                var pod = n * 7919 % pods;
                var body = "{\"metadata\":{\"annotations\":{\"fastscale.io/sent\":\"" + time.GetTimestamp().ToString(CultureInfo.InvariantCulture) + "\"}}}";
                using var content = new StringContent(body, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
                using var response = await http.PatchAsync($"/api/v1/namespaces/{ClusterSeed.PodNamespace(pod)}/pods/{ClusterSeed.PodName(pod)}", content);
                response.EnsureSuccessStatusCode();
            }));
        }
    }

    private static async Task ReadWatchAsync(HttpResponseMessage response, List<double> latencies, TimeProvider time, CancellationToken stop)
    {
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            try
            {
                while (await reader.ReadLineAsync(stop) is { } line)
                {
                    var received = time.GetTimestamp();
                    var at = line.IndexOf(SentKey, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        continue;
                    }

                    var digits = line.AsSpan(at + SentKey.Length);
                    var sent = long.Parse(digits[..digits.IndexOf('"')], CultureInfo.InvariantCulture);
                    lock (latencies)
                    {
                        latencies.Add(time.GetElapsedTime(sent, received).TotalMilliseconds);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        }
    }

    private static void Print(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster: {line}"));
}
