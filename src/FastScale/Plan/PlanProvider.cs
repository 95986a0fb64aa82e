using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine;
using FastScale.Engine.Cloud;
using FastScale.Engine.Controllers;
using FastScale.Engine.Demand;
using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.WarmPool;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Adapters.Readiness;
using FastScale.Simulation.VirtualTime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Plan;

/// <summary>
/// One provider process in a plan: the engine composed exactly as <c>serve</c> composes it (<c>AddFastScaleEngine</c>,
/// then <c>AddDemand</c> over serve's own pending-pod source, node readiness and node room adapters, fed by the plan's
/// informers, then <c>AddRepair</c>), its reconciler run by its own <see cref="NodeGroupReconciler.RunAsync"/> and its controllers
/// by the <see cref="ControllerDriver"/> serve uses, all on the plan's virtual clock. A restart kills one and starts
/// another on the same world, as a new pod would start against the same cloud.
/// </summary>
internal sealed class PlanProvider : IDisposable
{
    private readonly HttpClient _http;
    private readonly ServiceProvider _services;
    private readonly List<ControllerDriver> _drivers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly VirtualTimeProvider _time;
    private Task? _reconciling;

    /// <param name="ecsTransport">Hands the ECS client's requests to the emulator (possibly through a crash).</param>
    /// <param name="kubelets">The plan's kubelets: their Nodes, as fast mode and repair read them; shared by every provider of the world.</param>
    /// <param name="pods">The plan's pods, as serve's pod informers see them.</param>
    /// <param name="reconciler">Null: serve's defaults. A killed process's in-flight calls end at once: ShutdownTimeout zero.</param>
    public PlanProvider(
        ScalePolicy policy, VirtualTimeProvider time, HttpMessageHandler ecsTransport, EcsCredentials credentials, PlanKubelets kubelets, PlanPods pods, int seed,
        ReconcilerOptions? reconciler = null)
    {
        _time = time;
        _http = new HttpClient(ecsTransport, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new EcsClient(_http, new EcsClientOptions { RegionId = policy.Region, Endpoint = "127.0.0.1:8080" },
            credentials, time, NullLogger<EcsClient>.Instance);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICloud>(new EcsCloud(client, time));
        var engine = services.AddFastScaleEngine(policy, new FastScaleEngineOptions
        {
            Launcher = new LauncherOptions { Jitter = new Random(seed).NextDouble },
            Reconciler = reconciler ?? new ReconcilerOptions(),
        });

        // As serve wires fast mode where a cluster can be seen, with the plan's informers in place of the API's.
        services.AddFastModeSources(_ => new FastModeSources(
            pods.Pending, pods.Bound, kubelets.ByProviderId, name => kubelets.ByProviderId(ProviderIds.Format(policy.Region, name)) is not null,
            () => kubelets.HasSynced));
        services.AddDemand();
        services.AddSingleton<INodeHealthSource>(kubelets);
        if (policy.NodeGroups.Any(g => g.Repair.Enabled))
        {
            services.AddRepair();
        }

        _services = services.BuildServiceProvider();
        (Registry, Engine, Role) = (engine.Registry, engine.Engine, engine.Role);
        Launcher = _services.GetRequiredService<Launcher>();
        WarmPools = _services.GetRequiredService<WarmPoolManager>();
        Reconciler = _services.GetRequiredService<NodeGroupReconciler>();
        Repairer = _services.GetService<Repairer>();
    }

    public NodeGroupRegistry Registry { get; }

    public NodeGroupEngine Engine { get; }

    public ReplicaRole Role { get; }

    public Launcher Launcher { get; }

    public WarmPoolManager WarmPools { get; }

    public NodeGroupReconciler Reconciler { get; }

    /// <summary>Null when no group of the policy has repair enabled.</summary>
    public Repairer? Repairer { get; }

    /// <summary>True once the groups are rebuilt from the cloud and this provider leads: it takes writes.</summary>
    public bool IsServing => Registry.IsRecovered && Role.IsActive;

    /// <summary>The reconciler's run, once started; faulted if it failed.</summary>
    public Task? Running => _reconciling;

    /// <summary>Starts the reconciler (recovery, then its term) and every hosted controller, as a host would.</summary>
    public void Start()
    {
        _reconciling = Reconciler.RunAsync(_stop.Token);

        // Fast mode's informer pumps, run here rather than through their hosted services: a BackgroundService starts
        // its work on the thread pool, and a virtual clock needs every continuation on its own thread.
        _ = _services.GetRequiredService<KubernetesPendingPodSource>().RunAsync(_stop.Token);
        _ = _services.GetRequiredService<BoundPodLedger>().RunAsync(_stop.Token);
        foreach (var controller in _services.GetServices<IHostedService>().OfType<ControllerService>())
        {
            var driver = new ControllerDriver(controller.Controller, _time, NullLogger.Instance);
            _drivers.Add(driver);
            driver.Start(_stop.Token);
        }
    }

    /// <summary>Kills the process: no pass starts again, and every call it has in flight is cancelled.</summary>
    public void Kill()
    {
        foreach (var driver in _drivers)
        {
            driver.Stop();
        }

        _stop.Cancel();
    }

    public void Dispose()
    {
        Kill();
        foreach (var driver in _drivers)
        {
            driver.Dispose();
        }

        _services.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
