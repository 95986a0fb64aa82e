using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Serve;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Burst;

/// <summary>
/// The embedded world of <see cref="EmbeddedWorld"/> (ECS emulator, cluster simulator, simulated kubelets and scheduler,
/// all on loopback), built here rather than by <see cref="EmbeddedWorld.StartAsync"/> because a burst needs what
/// <c>serve --embedded</c> does not: one seed for the emulator and the kubelets, a chosen latency profile, silent logs
/// (a thousand nodes would flood the console), and the kubelets' own ECS calls counted apart from the provider's.
/// </summary>
internal sealed class BurstWorld : IAsyncDisposable
{
    private readonly HttpClient _kubeletEcsHttp;
    private readonly IKubernetesApiClient _kubeletApi;

    private BurstWorld(EcsEmulatorServer ecs, ClusterSimulatorServer cluster, NodeSimulation nodes, HttpClient kubeletEcsHttp,
        IKubernetesApiClient kubeletApi, ActionCallCounter kubeletCalls, EcsConnection connection)
    {
        Ecs = ecs;
        Cluster = cluster;
        Nodes = nodes;
        _kubeletEcsHttp = kubeletEcsHttp;
        _kubeletApi = kubeletApi;
        KubeletCalls = kubeletCalls;
        Connection = connection;
        Kubernetes = KubernetesClientConfig.ForServer(cluster.Address, "burst");
    }

    public EcsEmulatorServer Ecs { get; }

    public ClusterSimulatorServer Cluster { get; }

    public NodeSimulation Nodes { get; }

    /// <summary>The simulated kubelets' ECS calls (they poll DescribeInstances), to be told apart from the provider's.</summary>
    public ActionCallCounter KubeletCalls { get; }

    public EcsConnection Connection { get; }

    public KubernetesClientConfig Kubernetes { get; }

    public LatencyProfile Profile => Ecs.Emulator.Profile;

    public static async Task<BurstWorld> StartAsync(ScalePolicy policy, LatencyProfile profile, int seed, TimeProvider time, Action<EcsEmulatorOptions>? configure, CancellationToken cancellationToken)
    {
        var options = new EcsEmulatorOptions
        {
            Listen = "127.0.0.1:0",
            RegionId = policy.Region,
            Profile = profile,
            Seed = seed,
            UnmeteredTrafficHeader = ActionCallCounter.Header,
        };
        foreach (var group in policy.NodeGroups)
        {
            options.ImageKinds[group.ImageId] = group.ImageKind;
            foreach (var zone in group.Zones)
            {
                options.VSwitchZones[zone.VSwitchId] = zone.ZoneId;
            }
        }

        configure?.Invoke(options);
        var quiet = NullLoggerFactory.Instance;
        var ecs = await EcsEmulatorServer.StartAsync(options, time, configureLogging: null, cancellationToken);
        var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" }, time, quiet, cancellationToken);
        var credentials = new EcsCredentials(options.AccessKeyId, options.AccessKeySecret);
        var kubeletCalls = new ActionCallCounter();
        var kubeletEcsHttp = new HttpClient(kubeletCalls);
        var kubeletEcs = new EcsClient(kubeletEcsHttp, new EcsClientOptions { RegionId = policy.Region, Endpoint = ecs.Address }, credentials, time,
            quiet.CreateLogger<EcsClient>());
        var kubeletApi = KubernetesApiClientFactory.Create(
            KubernetesClientConfig.ForServer(cluster.Address, "kubelets"), new KubernetesClientOptions { Qps = 0 }, time, quiet);
        var nodeOptions = new NodeSimulationOptions { Kubelets = new KubeletSimulatorOptions { Seed = seed } };
        var nodes = NodeSimulation.Start(kubeletEcs, kubeletApi, policy, ecs.Emulator.Profile, nodeOptions, time, quiet);
        var connection = new EcsConnection(new EcsClientOptions { RegionId = policy.Region, Endpoint = ecs.Address }, credentials);
        return new BurstWorld(ecs, cluster, nodes, kubeletEcsHttp, kubeletApi, kubeletCalls, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await Nodes.DisposeAsync();
        await _kubeletApi.DisposeAsync();
        _kubeletEcsHttp.Dispose();
        await Cluster.DisposeAsync();
        await Ecs.DisposeAsync();
    }
}
