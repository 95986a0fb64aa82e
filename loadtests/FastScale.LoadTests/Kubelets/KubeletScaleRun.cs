using System.Globalization;
using FastScale.Burst;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Serve;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.LoadTests.Kubelets;

/// <summary>
/// What <c>emulate nodes</c> does at scale, in one process: the ECS emulator and the cluster simulator on loopback,
/// <c>nodes</c> instances created at once with RunInstances, and the simulated kubelets (each with its own 50 QPS /
/// 100 burst budget, kubelet's defaults) and scheduler over one unpaced client. Prints a progress line every 10 s of
/// emulated time, then the figures: registrations a second, time to all Ready against the latency model's own floor
/// for the same instances, and, over a hold once all are Ready, lease renewals a second and the worst lease renewal lag,
/// requests a second and 429s. Asserts nothing: the machine is shared and timing is noisy.
/// </summary>
internal static class KubeletScaleRun
{
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PrintEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(int nodes, double timeScale)
    {
        TimeProvider time = timeScale > 1 ? new ScaledTimeProvider(TimeProvider.System, timeScale) : TimeProvider.System;
        var policy = EmbeddedPolicy.Load().Policy!;
        var group = policy.NodeGroups[0];
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();
        var ecsOptions = new EcsEmulatorOptions { RegionId = policy.Region, Profile = profile, InstancesPerMinute = Math.Max(5000, nodes) };
        ecsOptions.ImageKinds[group.ImageId] = group.ImageKind;
        group.Zones.ForEach(z => ecsOptions.VSwitchZones[z.VSwitchId] = z.ZoneId);
        foreach (var action in EcsEmulatorOptions.Actions)
        {
            ecsOptions.QpsLimits[action] = 100_000; // this run measures the kubelets, not ECS flow control
        }

        await using var ecs = await EcsEmulatorServer.StartAsync(ecsOptions, time);
        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" }, time);
        using var http = new HttpClient();
        var ecsClient = new EcsClient(
            http, new EcsClientOptions { RegionId = policy.Region, Endpoint = ecs.Address }, new EcsCredentials(ecsOptions.AccessKeyId, ecsOptions.AccessKeySecret),
            time, NullLogger<EcsClient>.Instance);
        await using var kubernetes = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(cluster.Address), new KubernetesClientOptions { Qps = 0 }, time);
        var emulator = ecs.Emulator;
        var options = new NodeSimulationOptions { Kubelets = { LaunchSamples = id => emulator.Instance(id)?.Latency }, Scheduler = { Qps = 50, Burst = 100 } };
        await using var simulation = NodeSimulation.Start(ecsClient, kubernetes, policy, profile, options, time);
        Console.WriteLine(string.Create(Inv,
            $"{nodes} instances, profile {profile.Name}, clock {timeScale:0.##}× wall time, {Environment.ProcessorCount} cores; kubelets {options.Kubelets.KubeApiQps:0} QPS / {options.Kubelets.KubeApiBurst} burst each over one unpaced client"));

        var t0 = time.GetUtcNow();
        var ids = await LaunchAsync(ecsClient, policy, group, nodes);
        var floor = ids.Max(id => emulator.Instance(id)!.Latency!.ReadyAt) - t0;
        Console.WriteLine(string.Create(Inv, $"Created {ids.Count} instances in {(time.GetUtcNow() - t0).TotalSeconds:0.0} s; the model has the last Ready at {floor.TotalSeconds:0.0} s"));

        var allReady = await WaitAllReadyAsync(simulation, nodes, time, t0, t0 + floor + Patience);
        if (allReady is null)
        {
            Console.WriteLine($"Not all Ready within {Patience.TotalMinutes:0} min of the floor: {simulation.Kubelets.Census()}");
            return 1;
        }

        ReportRegistration(simulation, emulator, allReady.Value, floor);
        await HoldAsync(simulation, time);
        return 0;
    }

    private static async Task<List<string>> LaunchAsync(EcsClient ecs, ScalePolicy policy, NodeGroupPolicy group, int nodes)
    {
        var ids = new List<string>(nodes);
        for (var batch = 0; ids.Count < nodes; batch++)
        {
            var zone = group.Zones[batch % group.Zones.Count];
            var run = await ecs.RunInstancesAsync(
                new RunInstancesRequest
                {
                    Amount = Math.Min(RunInstancesRequest.MaxAmount, nodes - ids.Count),
                    ClientToken = string.Create(Inv, $"kubelets-{batch}"),
                    ImageId = group.ImageId,
                    InstanceType = group.InstanceTypes[0],
                    VSwitchId = zone.VSwitchId,
                    SecurityGroupId = group.SecurityGroupId,
                    Tags = [new(CloudTags.Cluster, policy.ClusterId), new(CloudTags.NodeGroup, group.Id)],
                },
                CancellationToken.None);
            ids.AddRange(run.IsSuccess ? run.Value!.InstanceIds : throw new InvalidOperationException($"RunInstances failed: {run.Error}"));
        }

        return ids;
    }

    /// <summary>Progress lines until every Node is Ready; returns when that was (emulated time since t0), or null.</summary>
    private static async Task<TimeSpan?> WaitAllReadyAsync(NodeSimulation simulation, int nodes, TimeProvider time, DateTimeOffset t0, DateTimeOffset deadline)
    {
        var progress = new NodeSimulationProgress(simulation, time);
        var printAt = t0 + PrintEvery;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(Sample, time);
            var now = time.GetUtcNow();
            var ready = simulation.Kubelets.Census().Ready;
            if (now >= printAt || ready >= nodes)
            {
                Console.WriteLine(string.Create(Inv, $"  t={(now - t0).TotalSeconds,5:0} s  {progress.Sample()}"));
                printAt = now + PrintEvery;
            }

            if (ready >= nodes)
            {
                return now - t0;
            }
        }

        return null;
    }

    private static void ReportRegistration(NodeSimulation simulation, EcsEmulator emulator, TimeSpan allReady, TimeSpan floor)
    {
        var nodes = simulation.Kubelets.Snapshot();
        var registered = nodes.Select(n => n.RegisteredAt!.Value).Order().ToList();
        var span = (registered[^1] - registered[0]).TotalSeconds;
        var busiest = 0;
        for (int i = 0, j = 0; j < registered.Count; j++)
        {
            while (registered[j] - registered[i] >= TimeSpan.FromSeconds(1))
            {
                i++;
            }

            busiest = Math.Max(busiest, j - i + 1);
        }

        // How much later than the model each Node turned Ready: what pacing and the API path add to the floor.
        var behind = nodes.Select(n => (n.ReadyAt!.Value - emulator.Instance(n.InstanceId)!.Latency!.ReadyAt).TotalSeconds).Order().ToList();
        Console.WriteLine(string.Create(Inv,
            $"Registrations: {registered.Count} over {span:0.0} s = {(span > 0 ? registered.Count / span : 0):0.0}/s on average, at most {busiest} in any 1 s"));
        Console.WriteLine(string.Create(Inv,
            $"All Ready after {allReady.TotalSeconds:0.0} s (model floor {floor.TotalSeconds:0.0} s); each Node Ready after the model's moment: p50 {BurstFloor.Percentile(behind, 0.5):0.00} s, p99 {BurstFloor.Percentile(behind, 0.99):0.00} s, max {behind[^1]:0.00} s"));
    }

    /// <summary>All Ready: leases renew for <see cref="Hold"/>, sampled every second for the worst lag.</summary>
    private static async Task HoldAsync(NodeSimulation simulation, TimeProvider time)
    {
        var progress = new NodeSimulationProgress(simulation, time);
        var (renewals, requests, started) = (simulation.Kubelets.Counters.LeaseRenewals, simulation.ApiRequests, time.GetTimestamp());
        var worstLag = TimeSpan.Zero;
        var printAt = time.GetUtcNow() + PrintEvery;
        while (time.GetElapsedTime(started) < Hold)
        {
            await Task.Delay(Sample, time);
            var lag = simulation.Kubelets.Census().WorstLeaseLag;
            worstLag = lag > worstLag ? lag : worstLag;
            if (time.GetUtcNow() >= printAt)
            {
                Console.WriteLine($"  hold  {progress.Sample()}");
                printAt = time.GetUtcNow() + PrintEvery;
            }
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(Inv,
            $"Hold of {seconds:0} s, all Ready: {(simulation.Kubelets.Counters.LeaseRenewals - renewals) / seconds:0.0} lease renewals/s, worst lease renewal lag {worstLag.TotalSeconds:0.00} s (sampled every {Sample.TotalSeconds:0} s), "
            + $"{(simulation.ApiRequests - requests) / seconds:0.0} requests/s"));
        Console.WriteLine(string.Create(Inv,
            $"Whole run: {simulation.ApiRequests} requests, {simulation.ApiThrottled} answered 429; kubelet API failures {simulation.Kubelets.Counters.ApiFailures}"));
    }
}
