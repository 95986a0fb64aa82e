using System.Globalization;
using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.LoadTests.Memory;

/// <summary>
/// The ECS emulator and the cluster simulator on loopback ports of the load test's process, as <c>serve --embedded</c>
/// starts them, filled before the provider starts: the instances are created over the wire with the tags the provider
/// itself puts on its launches (so it adopts them at recovery, as after a restart), and each gets a Ready Node.
/// No simulated kubelets or scheduler run: nothing but the provider changes the world while it is measured.
/// </summary>
internal sealed class MemoryWorld : IAsyncDisposable
{
    private const int Batch = RunInstancesRequest.MaxAmount;

    private MemoryWorld(EcsEmulatorServer ecs, ClusterSimulatorServer cluster, EcsEmulatorOptions options)
    {
        Ecs = ecs;
        Cluster = cluster;
        Options = options;
    }

    public EcsEmulatorServer Ecs { get; }

    public ClusterSimulatorServer Cluster { get; }

    public EcsEmulatorOptions Options { get; }

    /// <summary>RunInstances calls made while seeding, so the provider's own launches can be told apart.</summary>
    public long SeedRunInstancesCalls { get; private set; }

    public static async Task<MemoryWorld> StartAsync(int instances, int pods, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new EcsEmulatorOptions
        {
            RegionId = MemoryPolicy.Region,
            // Instances reach Running within a second, so seeding 5,000 takes seconds, not the default model's minute.
            Profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow(),
            InstancesPerMinute = Math.Max(5000, instances),
        };
        options.ImageKinds[MemoryPolicy.ImageId] = "prebaked";
        foreach (var (zone, vSwitch) in MemoryPolicy.Zones)
        {
            options.VSwitchZones[vSwitch] = zone;
        }

        // ECS's own limits are left as they are: the provider's recovery reads them as it would in production.
        var ecs = await EcsEmulatorServer.StartAsync(options, time, null, cancellationToken);
        var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" }, time, cancellationToken: cancellationToken);
        var world = new MemoryWorld(ecs, cluster, options);
        try
        {
            var created = await world.CreateInstancesAsync(instances, time, cancellationToken);
            MemoryClusterSeed.Nodes(cluster.Store, created);
            MemoryClusterSeed.Pods(cluster.Store, pods, [.. created.Select(c => MemoryClusterSeed.NodeName(c.InstanceId))]);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    public int RunningInstances() => Ecs.Emulator.Instances().Count(i => i.Status == "Running");

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Ecs.DisposeAsync();
    }

    /// <summary>Creates the instances group by group, 100 a call, paced under the emulator's RunInstances limit, then
    /// waits until all run.</summary>
    private async Task<List<(string InstanceId, string ZoneId)>> CreateInstancesAsync(int instances, TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new EcsClient(
            http,
            new EcsClientOptions { RegionId = Options.RegionId, Endpoint = Ecs.Address },
            new EcsCredentials(Options.AccessKeyId, Options.AccessKeySecret),
            time,
            NullLogger<EcsClient>.Instance);
        var created = new List<(string, string)>(instances);
        var interval = TimeSpan.FromSeconds(1.0 / Options.QpsLimits["RunInstances"]);
        for (var call = 0; created.Count < instances; call++)
        {
            var group = created.Count / MemoryPolicy.GroupSize;
            var amount = Math.Min(Batch, Math.Min(instances - created.Count, (group + 1) * MemoryPolicy.GroupSize - created.Count));
            var (zone, vSwitch) = MemoryPolicy.Zones[call % MemoryPolicy.Zones.Count];
            var run = await client.RunInstancesAsync(
                new RunInstancesRequest
                {
                    Amount = amount,
                    ClientToken = string.Create(CultureInfo.InvariantCulture, $"memory-load-{call}"),
                    ImageId = MemoryPolicy.ImageId,
                    InstanceType = MemoryPolicy.InstanceType,
                    VSwitchId = vSwitch,
                    SecurityGroupId = MemoryPolicy.SecurityGroupId,
                    Tags =
                    [
                        new(CloudTags.Cluster, MemoryPolicy.ClusterId),
                        new(CloudTags.NodeGroup, MemoryPolicy.GroupId(group)),
                        new(CloudTags.ManagedBy, CloudTags.ManagedByValue),
                        new(CloudTags.LaunchBatch, (1_700_000_000_000L + call).ToString(CultureInfo.InvariantCulture)),
                    ],
                },
                cancellationToken);
            if (!run.IsSuccess)
            {
                throw new InvalidOperationException($"RunInstances failed while seeding the emulator: {run.Error}");
            }

            SeedRunInstancesCalls++;
            created.AddRange(run.Value!.InstanceIds.Select(id => (id, zone)));
            await Task.Delay(interval, time, cancellationToken);
        }

        for (var waited = 0; RunningInstances() < instances; waited++)
        {
            if (waited > 600)
            {
                throw new InvalidOperationException($"only {RunningInstances()} of {instances} seeded instances reached Running within a minute");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }

        return created;
    }
}
