using FastScale.Burst;
using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.WarmPool;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.VirtualTime;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Plan;

/// <summary>
/// The world of a plan, wired like <c>serve --embedded</c> (Serve/ProviderApp.cs) but in one thread and in simulated
/// time: the engine's own registry, reconciler, launcher, API budget, warm pools and repairer, over the ECS client and
/// <see cref="EcsCloud"/> as the provider uses them, whose HTTP requests an <see cref="InProcessEcsHandler"/> hands to
/// the emulator's core (same signature checks, QPS limits, state machine, latency samples and faults; no sockets).
/// The cluster is <see cref="PlanKubelets"/>. Everything reads one <see cref="VirtualTimeProvider"/>.
/// </summary>
/// <remarks>
/// Left out, because they need the Kubernetes API: fast mode (pending-pod demand) and the warm-node guard (its effect,
/// a warm instance's Node not counting as Ready, is in <see cref="PlanKubelets"/>). The autoscaler's 10 s loop is left
/// out too: during a scale-up it only reads.
/// <para>Cloud calls take no simulated time: the emulator answers at once, as it nearly does on loopback. What a burst
/// pays on top (gRPC, HTTP, Kubernetes API writes, each stretched by its time scale) is absent, so a plan reads a little
/// faster where such overheads pile up. Measured with seed 1: cold-100 within 2% of a burst on P50 and P90;
/// stockout-100 about 7% (one more RunInstances round trip); warm-100 about 20% on P50, because a burst's warm-node
/// guard opens the 100 cordoned Nodes one API call after another.</para>
/// </remarks>
internal sealed class PlanWorld : IDisposable
{
    /// <summary>Simulated time starts at a fixed moment, so throttling's minute boundaries fall the same way every run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http;
    private readonly ControllerDriver _reconcileDriver;
    private readonly ControllerDriver? _repairDriver;
    private readonly CancellationTokenSource _stop = new();

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
        var ecs = new EcsCloud(client, Time);

        Registry = new NodeGroupRegistry(Policy);
        Signal = new ScaleSignal();
        Engine = new NodeGroupEngine(Registry, Signal);
        Budget = new CloudApiBudget(Policy, new CloudApiBudgetOptions(), Time, NullLogger<CloudApiBudget>.Instance);
        var cloud = new PacedCloud(ecs, Budget, NullLogger<PacedCloud>.Instance);
        Launcher = new Launcher(cloud, new LauncherOptions { Jitter = new Random(settings.Seed).NextDouble }, Time, NullLogger<Launcher>.Instance);
        WarmPools = new WarmPoolManager(Registry, cloud, Launcher, new WarmPoolOptions(), Time, NullLogger<WarmPoolManager>.Instance);
        var batches = new LaunchBatchSequence();
        Reconciler = new NodeGroupReconciler(Registry, cloud, Launcher, Signal, new ReconcilerOptions(), Time,
            NullLogger<NodeGroupReconciler>.Instance, WarmPools, batches);
        Kubelets = new PlanKubelets(Emulator, Policy, Emulator.Profile, settings.Seed, Time, WarmPools.IsWarm);
        var repair = new RepairOptions();
        Repairer = new Repairer(Registry, cloud, Launcher, batches, Signal, Kubelets, WarmPools, repair, new RepairMetrics(), Time,
            NullLogger<Repairer>.Instance);

        // The controllers run on the driver serve uses, on the virtual clock: a pass, then the next when it asks or when
        // its wakeup is raised, whichever comes first. The reconciler's pass starts once the groups are recovered.
        _reconcileDriver = new ControllerDriver(Reconciler.Pass, Time, NullLogger.Instance);
        if (Policy.NodeGroups.Any(g => g.Repair.Enabled))
        {
            _repairDriver = new ControllerDriver(Repairer, Time, NullLogger.Instance);
            _repairDriver.Start(_stop.Token);
        }
    }

    public ScalePolicy Policy { get; }

    public NodeGroupPolicy Group { get; }

    public VirtualTimeProvider Time { get; }

    public EcsEmulator Emulator { get; }

    public NodeGroupRegistry Registry { get; }

    public ScaleSignal Signal { get; }

    public NodeGroupEngine Engine { get; }

    public CloudApiBudget Budget { get; }

    public Launcher Launcher { get; }

    public WarmPoolManager WarmPools { get; }

    public NodeGroupReconciler Reconciler { get; }

    public Repairer Repairer { get; }

    public PlanKubelets Kubelets { get; }

    /// <summary>Recovers the groups from the (empty) cloud and starts the reconciler's loop.</summary>
    public void Begin()
    {
        var recovered = Reconciler.RecoverAsync(_stop.Token);
        RunUntil(() => recovered.IsCompleted, Start + TimeSpan.FromMinutes(5));
        recovered.GetAwaiter().GetResult();
        _reconcileDriver.Start(_stop.Token);
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
        _reconcileDriver.Dispose();
        _repairDriver?.Dispose();
        Kubelets.Dispose();
        Budget.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
