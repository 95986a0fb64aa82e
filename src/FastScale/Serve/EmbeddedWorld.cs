using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>
/// The world <c>serve --embedded</c> runs in, all on loopback ports of this process and all speaking the real wire:
/// the ECS emulator, the Kubernetes API simulator, and simulated kubelets and scheduler that follow the emulator's
/// instances and populate the simulator as a real cluster would. The provider reaches the first two only through
/// <see cref="Connection"/> and <see cref="Kubernetes"/>, exactly as it would reach Alibaba Cloud and an API server.
/// </summary>
internal sealed class EmbeddedWorld : IAsyncDisposable
{
    private readonly HttpClient _kubeletEcsHttp;
    private readonly IKubernetesApiClient _kubeletApi;
    private readonly ILoggerFactory _logging;
    private readonly EmbeddedRrsa? _rrsa;

    private EmbeddedWorld(
        EcsEmulatorServer ecs,
        ClusterSimulatorServer cluster,
        NodeSimulation nodes,
        HttpClient kubeletEcsHttp,
        IKubernetesApiClient kubeletApi,
        ILoggerFactory logging,
        EcsConnection connection,
        EmbeddedRrsa? rrsa)
    {
        _rrsa = rrsa;
        Ecs = ecs;
        Cluster = cluster;
        Nodes = nodes;
        _kubeletEcsHttp = kubeletEcsHttp;
        _kubeletApi = kubeletApi;
        _logging = logging;
        Connection = connection;
        Kubernetes = KubernetesClientConfig.ForServer(cluster.Address, "embedded");
    }

    public EcsEmulatorServer Ecs { get; }

    public ClusterSimulatorServer Cluster { get; }

    public NodeSimulation Nodes { get; }

    /// <summary>What the provider's ECS client needs to reach the emulator.</summary>
    public EcsConnection Connection { get; }

    /// <summary>What the provider's Kubernetes client needs to reach the simulator.</summary>
    public KubernetesClientConfig Kubernetes { get; }

    public static async Task<EmbeddedWorld> StartAsync(ScalePolicy policy, TimeProvider time, CancellationToken cancellationToken, EmbeddedWorldOptions? world = null)
    {
        world ??= new EmbeddedWorldOptions();
        var options = new EcsEmulatorOptions { Listen = "127.0.0.1:0", RegionId = policy.Region, Profile = world.Profile, Seed = world.Seed };
        foreach (var group in policy.NodeGroups)
        {
            // The policy says which images are prebaked; in this world the cloud boots them accordingly.
            options.ImageKinds[group.ImageId] = group.ImageKind;
            foreach (var zone in group.Zones)
            {
                options.VSwitchZones[zone.VSwitchId] = zone.ZoneId;
            }
        }

        var rrsa = world.RrsaCredentialLifetime is { } lifetime ? new EmbeddedRrsa(lifetime) : null;
        rrsa?.Configure(options);
        world.ConfigureEcs?.Invoke(options);
        var logging = world.Quiet ? LoggerFactory.Create(_ => { }) : LoggerFactory.Create(ConsoleLogging.Configure);
        var ecs = await EcsEmulatorServer.StartAsync(options, time, world.Quiet ? null : ConsoleLogging.Configure, cancellationToken);
        var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0", WriteLatency = world.ApiWriteLatency }, time, logging, cancellationToken);

        // The kubelets are ordinary clients of both endpoints, with clients of their own.
        var ecsClientOptions = new EcsClientOptions { RegionId = policy.Region, Endpoint = ecs.Address };
        var credentials = new EcsCredentials(options.AccessKeyId, options.AccessKeySecret);
        var kubeletEcsHttp = world.KubeletEcsHandler is { } handler ? new HttpClient(handler) : new HttpClient();
        var kubeletEcs = new EcsClient(kubeletEcsHttp, ecsClientOptions, credentials, time, logging.CreateLogger<EcsClient>());
        var kubeletApi = KubernetesApiClientFactory.Create(
            KubernetesClientConfig.ForServer(cluster.Address, "kubelets"), new KubernetesClientOptions { Qps = 0, UserAgent = "fastscale-kubelets" }, time, logging);
        // The kubelets follow the emulator's own per-instance samples, so the model has one source for every delay.
        var emulator = ecs.Emulator;
        var nodeOptions = new NodeSimulationOptions
        {
            Kubelets = new KubeletSimulatorOptions { Seed = world.Seed, LaunchSamples = id => emulator.Instance(id)?.Latency },
        };
        world.ConfigureNodes?.Invoke(nodeOptions);
        var nodes = NodeSimulation.Start(kubeletEcs, kubeletApi, policy, ecs.Emulator.Profile, nodeOptions, time, logging);

        var connection = new EcsConnection(
            new EcsClientOptions { RegionId = policy.Region, Endpoint = ecs.Address },
            rrsa?.Provider(ecs.Address, time, logging) ?? new StaticCredentialsProvider(credentials, "the emulator's AccessKey"));
        return new EmbeddedWorld(ecs, cluster, nodes, kubeletEcsHttp, kubeletApi, logging, connection, rrsa);
    }

    public async ValueTask DisposeAsync()
    {
        await Nodes.DisposeAsync();
        await _kubeletApi.DisposeAsync();
        _kubeletEcsHttp.Dispose();
        await Cluster.DisposeAsync();
        await Ecs.DisposeAsync();
        _rrsa?.Dispose();
        _logging.Dispose();
    }
}
