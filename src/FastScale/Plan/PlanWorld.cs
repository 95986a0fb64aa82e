using FastScale.Burst;
using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine;
using FastScale.Engine.Cloud;
using FastScale.Engine.Controllers;
using FastScale.Engine.Leadership;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.WarmPool;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.VirtualTime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Plan;

/// <summary>
/// The world of a plan: the engine composed exactly as <c>serve</c> composes it (<c>AddFastScaleEngine</c>, then
/// <c>AddRepair</c>), its controllers run by the same <see cref="ControllerDriver"/> and its reconciler by the same
/// <see cref="NodeGroupReconciler.RunAsync"/>, but in one thread and in simulated time. The cloud is the ECS client and
/// <see cref="EcsCloud"/> as the provider uses them, whose HTTP requests an <see cref="InProcessEcsHandler"/> hands to the
/// emulator's core (same signature checks, QPS limits, state machine, latency samples and faults; no sockets). The
/// cluster is <see cref="PlanKubelets"/>. Everything reads one <see cref="VirtualTimeProvider"/>.
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

    private readonly HttpClient _http;
    private readonly ServiceProvider _services;
    private readonly List<ControllerDriver> _drivers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _reconciling;

    public PlanWorld(BurstScenario scenario, PlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        Policy = BurstConditions.PolicyFor(scenario, settings.Policy);
        Group = Policy.NodeGroups.First(g => g.Id == scenario.GroupId);
        Time = new VirtualTimeProvider(Start);
        Time.BindToCurrentThread();

        var options = new EcsEmulatorOptions { RegionId = Policy.Region, Profile = settings.Profile, Seed = settings.Seed };
        foreach (var group in Policy.NodeGroups)
        {
            options.ImageKinds[group.ImageId] = group.ImageKind;
            foreach (var zone in group.Zones)
            {
                options.VSwitchZones[zone.VSwitchId] = zone.ZoneId;
            }
        }

        BurstConditions.ConfigureEmulator(scenario, options);
        Emulator = new EcsEmulator(options, Time);
        BurstConditions.InjectFaults(scenario, Group, Emulator.Faults, settings.Seed);

        _http = new HttpClient(new InProcessEcsHandler(Emulator)) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new EcsClient(_http, new EcsClientOptions { RegionId = Policy.Region, Endpoint = "127.0.0.1:8080" },
            new EcsCredentials(options.AccessKeyId, options.AccessKeySecret), Time, NullLogger<EcsClient>.Instance);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICloud>(new EcsCloud(client, Time));
        var engine = services.AddFastScaleEngine(Policy, new FastScaleEngineOptions
        {
            Launcher = new LauncherOptions { Jitter = new Random(settings.Seed).NextDouble },
        });
        services.AddSingleton(sp => new PlanKubelets(Emulator, Policy, Emulator.Profile, settings.Seed, Time, sp.GetRequiredService<WarmPoolManager>().IsWarm));
        services.AddSingleton<INodeHealthSource>(sp => sp.GetRequiredService<PlanKubelets>());
        if (Policy.NodeGroups.Any(g => g.Repair.Enabled))
        {
            services.AddRepair();
        }

        _services = services.BuildServiceProvider();
        (Registry, Engine) = (engine.Registry, engine.Engine);
        Launcher = _services.GetRequiredService<Launcher>();
        WarmPools = _services.GetRequiredService<WarmPoolManager>();
        Reconciler = _services.GetRequiredService<NodeGroupReconciler>();
        Kubelets = _services.GetRequiredService<PlanKubelets>();
        Repairer = _services.GetService<Repairer>();

        // The controllers serve hosts, each on the driver serve uses, here on the virtual clock.
        foreach (var controller in _services.GetServices<IHostedService>().OfType<ControllerService>())
        {
            var driver = new ControllerDriver(controller.Controller, Time, NullLogger.Instance);
            _drivers.Add(driver);
            driver.Start(_stop.Token);
        }
    }

    public ScalePolicy Policy { get; }

    public NodeGroupPolicy Group { get; }

    public VirtualTimeProvider Time { get; }

    public EcsEmulator Emulator { get; }

    public NodeGroupRegistry Registry { get; }

    public NodeGroupEngine Engine { get; }

    public Launcher Launcher { get; }

    public WarmPoolManager WarmPools { get; }

    public NodeGroupReconciler Reconciler { get; }

    public PlanKubelets Kubelets { get; }

    /// <summary>Null when no group of the policy has repair enabled.</summary>
    public Repairer? Repairer { get; }

    /// <summary>Starts the reconciler as serve runs it: it recovers the groups from the (empty) cloud, then leads.</summary>
    public void Begin()
    {
        _reconciling = Reconciler.RunAsync(_stop.Token);
        var role = _services.GetRequiredService<ReplicaRole>();
        if (!RunUntil(() => Registry.IsRecovered && role.IsActive || _reconciling.IsCompleted, Start + TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException("the plan's node groups were not recovered from the emulated cloud within 5 simulated minutes");
        }

        if (_reconciling.IsFaulted)
        {
            _reconciling.GetAwaiter().GetResult();
        }
    }

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

    /// <summary>Raises the group's target as the autoscaler's NodeGroupIncreaseSize does, and lets the signal start a pass.</summary>
    public void IncreaseSize(int delta)
    {
        if (Engine.IncreaseSize(Group.Id, delta) is { } error)
        {
            throw new InvalidOperationException($"IncreaseSize({delta}) on '{Group.Id}' refused: {error.Message}");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var driver in _drivers)
        {
            driver.Dispose();
        }

        _services.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
