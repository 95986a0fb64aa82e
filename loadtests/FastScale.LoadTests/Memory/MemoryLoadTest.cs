using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FastScale.LoadTests.Memory;

/// <summary>
/// Issue 17 item 5, "memory at scale": <c>fastscale serve</c> as its own process against the ECS emulator and the
/// cluster simulator (both in this process, on loopback, as <c>serve --embedded</c> runs them), with N instances tagged
/// into the policy's groups, a Ready Node for each, and M pods (one in ten unbound and Unschedulable, the rest bound and
/// Running) in its watches. Waits until the provider's /metrics shows every instance, node and pod, lets it settle,
/// and prints the provider's peak RSS (the kernel's VmHWM), its GC heap and its GC mode against the 200 MiB target.
///   (wire in Program.cs)  memory [instances] [pods] [gc=image|workstation|server] [settleSeconds]
/// </summary>
internal static class MemoryLoadTest
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromMilliseconds(500);

    /// <param name="breakdown">Afterwards, rebuild the provider's watches in this process to say what each keeps.</param>
    /// <param name="gc">"image": the child's environment sets no GC mode, as the container image runs it;
    /// "workstation" or "server": DOTNET_gcServer forces one.</param>
    public static async Task<MemoryRunResult> RunAsync(
        int instances, int pods, string gc, TimeSpan settle, TimeSpan syncTimeout, bool breakdown, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var seedStart = time.GetTimestamp();
        await using var world = await MemoryWorld.StartAsync(instances, pods, time, cancellationToken);
        output.WriteLine(Line($"memory: seeded {instances} running instances, {instances} nodes, {pods} pods in {time.GetElapsedTime(seedStart).TotalSeconds:0.0} s"));

        var result = await MeasureProviderAsync(world, instances, pods, gc, settle, syncTimeout, time, output, cancellationToken);
        if (breakdown)
        {
            // After the provider has exited, so the two never share the CPU or the measurement.
            result = result with { Breakdown = await MemoryBreakdown.MeasureAsync(world.Cluster.Address, time, cancellationToken) };
        }

        return result;
    }

    private static async Task<MemoryRunResult> MeasureProviderAsync(
        MemoryWorld world, int instances, int pods, string gc, TimeSpan settle, TimeSpan syncTimeout, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("fastscale-memory-");
        try
        {
            var policy = Path.Combine(folder.FullName, "policy.yaml");
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(policy, MemoryPolicy.Yaml(instances), cancellationToken);
            await File.WriteAllTextAsync(kubeconfig, MemoryPolicy.Kubeconfig(world.Cluster.Address), cancellationToken);
            var metrics = $"127.0.0.1:{FreePort()}";
            using var provider = ProviderProcess.Start(
                ["serve", "--policy", policy, "--ecs-endpoint", world.Ecs.Address, "--kubeconfig", kubeconfig, "--listen", "127.0.0.1:0", "--metrics", metrics],
                ChildEnvironment(world, gc));
            var started = time.GetTimestamp();
            using var http = new HttpClient { BaseAddress = new Uri($"http://{metrics}/"), Timeout = TimeSpan.FromSeconds(10) };
            var watch = new SyncWatch(instances, pods);
            ProviderScrape? last = null;
            TimeSpan? synced = null;
            var settled = false;
            while (!settled)
            {
                if (provider.HasExited)
                {
                    throw new InvalidOperationException($"the provider exited during the run:{Environment.NewLine}{provider.Tail}");
                }

                last = await TryScrapeAsync(http, cancellationToken) ?? last;
                if (last is not null)
                {
                    watch.Observe(last);
                    if (synced is null && watch.SawEverything(last))
                    {
                        synced = time.GetElapsedTime(started);
                        output.WriteLine(Line($"memory: provider reported every instance, node and pod {synced.Value.TotalSeconds:0.0} s after start; settling {settle.TotalSeconds:0} s"));
                    }
                }

                var elapsed = time.GetElapsedTime(started);
                settled = synced is { } at ? elapsed >= at + settle : elapsed >= syncTimeout;
                if (!settled)
                {
                    await Task.Delay(ScrapeInterval, time, cancellationToken);
                }
            }

            var (peak, resident, anonymous) = provider.Memory();
            var result = watch.Result(last, synced, peak, resident, anonymous, world.Ecs.Counters.CallsByAction.GetValueOrDefault("RunInstances") - world.SeedRunInstancesCalls, gc);
            if (!result.Synced)
            {
                output.WriteLine(Line($"memory: the provider did not report everything within {syncTimeout.TotalSeconds:0} s; its last lines:"));
                output.WriteLine(provider.Tail);
            }

            return result;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static void Print(MemoryRunResult r, TextWriter output)
    {
        static string MiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");
        output.WriteLine();
        output.WriteLine("| instances | pods (pending / bound) | nodes | peak RSS | RSS at end | GC heap (peak) | GC committed | GC mode | time to sync | target |");
        output.WriteLine("|--:|--:|--:|--:|--:|--:|--:|---|--:|---|");
        output.WriteLine(Line($"| {r.Instances:N0} | {r.Pods:N0} ({r.PendingPods:N0} / {r.Pods - r.PendingPods:N0}) | {r.Instances:N0} | {MiB(r.PeakRssBytes)} | {MiB(r.RssBytes)} | {MiB(r.GcHeapBytes)} ({MiB(r.PeakGcHeapBytes)}) | {MiB(r.GcCommittedBytes)} | {r.GcMode} ({r.GcSetting}) | {(r.Synced ? $"{r.SyncTime.TotalSeconds:0.0} s" : "not synced")} | {(r.MeetsTarget ? "met" : "MISSED")} (≤ {MiB(MemoryRunResult.TargetBytes)} peak RSS) |"));
        output.WriteLine();
        output.WriteLine(Line($"provider saw: {r.SeenInstances:N0} instances, {r.SeenNodes:N0} nodes, {r.SeenUnboundPods:N0} unbound pods ({r.SeenPendingPods:N0} of them Unschedulable demand), {r.SeenBoundPods:N0} bound pods; RunInstances by the provider: {r.ProviderLaunches}"));
        var cached = r.SeenNodes + r.SeenUnboundPods + r.SeenBoundPods;
        if (cached > 0)
        {
            output.WriteLine(Line($"RSS at end: {MiB(r.AnonymousRssBytes)} anonymous (GC committed {MiB(r.GcCommittedBytes)} of it), {MiB(r.RssBytes - r.AnonymousRssBytes)} mapped files"));
            output.WriteLine(Line($"GC heap per cached object: {r.GcHeapBytes / (double)cached:0} bytes ({cached:N0} objects)"));
        }

        if (r.Breakdown.Count > 0)
        {
            MemoryBreakdown.Print(r.Breakdown, r.GcHeapBytes, output);
        }
    }

    private static Dictionary<string, string> ChildEnvironment(MemoryWorld world, string gc)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = world.Options.AccessKeyId,
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = world.Options.AccessKeySecret,
            // As the image sets it (Dockerfile): no diagnostic IPC, which also costs a little memory.
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        switch (gc)
        {
            case "image":
                break;
            case "workstation":
                environment["DOTNET_gcServer"] = "0";
                break;
            case "server":
                environment["DOTNET_gcServer"] = "1";
                break;
            default:
                throw new ArgumentException($"gc: expected image, workstation or server, got '{gc}'", nameof(gc));
        }

        return environment;
    }

    private static async Task<ProviderScrape?> TryScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            return ProviderScrape.Parse(await http.GetStringAsync("metrics", cancellationToken));
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // a scrape that timed out; the next one decides
        }
    }

    /// <summary>A port free now, for the provider's metrics listener (its gRPC port is chosen by the OS).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
