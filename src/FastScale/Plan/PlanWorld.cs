using FastScale.Burst;
using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.WarmPool;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.VirtualTime;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Plan;

/// <summary>
/// The world of a plan: the emulator's core, the kubelets and one virtual clock, and the provider running in it
/// (<see cref="PlanProvider"/>: the engine composed and run exactly as <c>serve</c> runs it). The provider's ECS client
/// signs real requests, which an <see cref="InProcessEcsHandler"/> hands to the emulator (same signature checks, QPS
/// limits, state machine, latency samples and faults; no sockets). The cluster is <see cref="PlanKubelets"/>.
/// </summary>
/// <remarks>
/// Left out, because they need the Kubernetes API: fast mode (pending-pod demand) and the warm-node guard (its effect,
/// a warm instance's Node not counting as Ready, is in <see cref="PlanKubelets"/>). The autoscaler's 10 s loop is left
/// out too: during a scale-up it only reads.
/// <para>Cloud calls take no simulated time: the emulator answers at once, as it nearly does on loopback. What a burst
/// pays on top (gRPC, HTTP, Kubernetes API writes, each stretched by its time scale) is absent, so a plan reads a little
/// faster where such overheads pile up.</para>
/// </remarks>
internal sealed class PlanWorld : IDisposable
{
    /// <summary>Simulated time starts at a fixed moment, so throttling's minute boundaries fall the same way every run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly InProcessEcsHandler _ecs;
    private readonly EcsCredentials _credentials;
    private readonly int _seed;
    private readonly List<PlanProvider> _providers = [];
    private readonly List<HttpClient> _baselineClients = [];

    public PlanWorld(BurstScenario scenario, PlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        Policy = BurstConditions.PolicyFor(scenario, settings.Policy);
        Group = Policy.NodeGroups.First(g => g.Id == scenario.GroupId);
        Time = new VirtualTimeProvider(Start);
        Time.BindToCurrentThread();
        _seed = settings.Seed;

        var options = new EcsEmulatorOptions
        {
            RegionId = Policy.Region, Profile = settings.Profile, Seed = settings.Seed, EconomicalModeUnavailable = settings.EconomicalModeUnavailable,
        };
        foreach (var group in Policy.NodeGroups)
        {
            options.ImageKinds[group.ImageId] = group.ImageKind;
            foreach (var zone in group.Zones)
            {
                options.VSwitchZones[zone.VSwitchId] = zone.ZoneId;
            }
        }

        // A baseline's ESS marks its requests as the cloud's own traffic, as in a burst (see ActionCallCounter).
        options.UnmeteredTrafficHeader = ActionCallCounter.Header;
        BurstConditions.ConfigureEmulator(scenario, options);
        Emulator = new EcsEmulator(options, Time);
        BurstConditions.InjectFaults(scenario, Group, Emulator.Faults, settings.Seed);
        _ecs = new InProcessEcsHandler(Emulator);
        _credentials = new EcsCredentials(options.AccessKeyId, options.AccessKeySecret);
        Kubelets = new PlanKubelets(Emulator, Policy, Emulator.Profile, settings.Seed, Time, IsWarm);
        Pods = new PlanPods(Kubelets, Time);
    }

    public ScalePolicy Policy { get; }

    public NodeGroupPolicy Group { get; }

    public VirtualTimeProvider Time { get; }

    public EcsEmulator Emulator { get; }

    public PlanKubelets Kubelets { get; }

    /// <summary>The pods and their scheduler; empty unless the scenario's demand is pending pods.</summary>
    public PlanPods Pods { get; }

    /// <summary>The provider running now (after a restart, the successor).</summary>
    public PlanProvider Provider => _providers.Count > 0 ? _providers[^1] : throw new InvalidOperationException("no provider has started");

    public WarmPoolManager WarmPools => Provider.WarmPools;

    /// <summary>Whether an instance is in FastScale's warm pool; never, in a baseline's world (no provider runs there).</summary>
    public bool IsWarm(string instanceId) => _providers.Count > 0 && Provider.WarmPools.IsWarm(instanceId);

    public Launcher Launcher => Provider.Launcher;

    /// <summary>Starts a provider as serve runs it and runs the clock until it serves (groups recovered, leading).</summary>
    /// <param name="transport">Wraps the way to the emulator, e.g. in a crash; null: straight there.</param>
    /// <param name="reconciler">Null: serve's defaults.</param>
    public PlanProvider StartProvider(Func<HttpMessageHandler, HttpMessageHandler>? transport = null, ReconcilerOptions? reconciler = null)
    {
        var provider = new PlanProvider(Policy, Time, transport?.Invoke(_ecs) ?? _ecs, _credentials, Kubelets, Pods, _seed, reconciler);
        _providers.Add(provider);
        provider.Start();
        if (!RunUntil(() => provider.IsServing || provider.Running!.IsCompleted, Time.GetUtcNow() + TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException("the plan's node groups were not recovered from the emulated cloud within 5 simulated minutes");
        }

        if (provider.Running!.IsFaulted)
        {
            provider.Running.GetAwaiter().GetResult();
        }

        return provider;
    }

    /// <summary>
    /// A baseline's own way to the emulator, in place of a provider: signed requests handed over in process, through
    /// <paramref name="counter"/> when given (ESS's traffic, marked as the cloud's own and counted apart).
    /// </summary>
    public ICloud BaselineCloud(ActionCallCounter? counter)
    {
        var http = new HttpClient(counter ?? (HttpMessageHandler)_ecs, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _baselineClients.Add(http);
        var client = new EcsClient(http, new EcsClientOptions { RegionId = Policy.Region, Endpoint = "127.0.0.1:8080" }, _credentials, Time,
            NullLogger<EcsClient>.Instance);
        return new EcsCloud(client, Time);
    }

    /// <summary>The in-process hand-over to the emulator, for a counter to wrap.</summary>
    public HttpMessageHandler EcsTransport => _ecs;

    /// <summary>Fires timers in order until <paramref name="done"/> holds or no timer is due by <paramref name="limit"/>. True when done.</summary>
    public bool RunUntil(Func<bool> done, DateTimeOffset limit)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (!done())
        {
            if (!Time.RunNext(limit))
            {
                return done();
            }
        }

        return true;
    }

    /// <summary>Raises the group's target as the autoscaler's NodeGroupIncreaseSize does; the signal starts a pass.</summary>
    public void IncreaseSize(int delta)
    {
        if (Provider.Engine.IncreaseSize(Group.Id, delta) is { } error)
        {
            throw new InvalidOperationException($"IncreaseSize({delta}) on '{Group.Id}' refused: {error.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _baselineClients.ForEach(c => c.Dispose());
        Pods.Dispose();
        Kubelets.Dispose();
        _ecs.Dispose();
    }
}
