using FastScale.Engine.Policy;
using FastScale.Kubernetes.Config;
using FastScale.Serve;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;

namespace FastScale.Burst;

/// <summary>
/// The <see cref="EmbeddedWorld"/> a burst runs in, set up the way a measurement needs it: one seed for the emulator and
/// the kubelets, a chosen latency profile, silent logs, and the kubelets' own ECS calls counted (and exempt from the
/// emulator's rate limits, since real kubelets never call ECS) so the report gives the provider's calls alone.
/// </summary>
internal sealed class BurstWorld : IAsyncDisposable
{
    private readonly EmbeddedWorld _world;

    private BurstWorld(EmbeddedWorld world, ActionCallCounter kubeletCalls)
    {
        _world = world;
        KubeletCalls = kubeletCalls;
    }

    public EcsEmulatorServer Ecs => _world.Ecs;

    public ClusterSimulatorServer Cluster => _world.Cluster;

    public NodeSimulation Nodes => _world.Nodes;

    /// <summary>The simulated kubelets' ECS calls (they poll DescribeInstances), to be told apart from the provider's.</summary>
    public ActionCallCounter KubeletCalls { get; }

    public EcsConnection Connection => _world.Connection;

    public KubernetesClientConfig Kubernetes => _world.Kubernetes;

    public LatencyProfile Profile => Ecs.Emulator.Profile;

    public static async Task<BurstWorld> StartAsync(
        ScalePolicy policy, LatencyProfile profile, int seed, BurstTempo tempo, TimeProvider time, Action<EcsEmulatorOptions>? configure, CancellationToken cancellationToken,
        TimeSpan? rrsaLifetime = null, bool workloads = false)
    {
        var kubeletCalls = new ActionCallCounter();
        var world = await EmbeddedWorld.StartAsync(policy, time, cancellationToken, new EmbeddedWorldOptions
        {
            Profile = profile,
            Seed = seed,
            Quiet = true,
            KubeletEcsHandler = kubeletCalls,
            ApiWriteLatency = tempo.ApiWriteLatency,
            RrsaCredentialLifetime = rrsaLifetime,
            ConfigureNodes = nodes =>
            {
                (nodes.Scheduler.Qps, nodes.Scheduler.Burst) = (tempo.SchedulerQps, tempo.SchedulerBurst);
                // A rollout's drain needs pods that start and ReplicaSets that recreate them; a plain burst would only pay for their writes.
                nodes.RunWorkloads = workloads;
            },
            ConfigureEcs = options =>
            {
                options.UnmeteredTrafficHeader = ActionCallCounter.Header;
                configure?.Invoke(options);
            },
        });
        return new BurstWorld(world, kubeletCalls);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
