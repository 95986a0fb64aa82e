using FastScale.Ecs.Client;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// Simulated kubelets and the simulated scheduler, running in-process against any Kubernetes API server and an ECS
/// endpoint, until disposed:
/// <code>
/// await using var nodes = NodeSimulation.Start(ecsClient, kubernetesClient, policy, profile);
/// // nodes.Kubelets.Snapshot(), nodes.Kubelets.Counters, nodes.Scheduler.Counters, nodes.Nodes / nodes.Pods (informers)
/// </code>
/// The caller keeps ownership of the clients. Give it an unpaced Kubernetes client (<c>Qps = 0</c>): each kubelet and the
/// scheduler pace their own requests, as real ones do, and a paced shared client would hold them all to one budget.
/// </summary>
public sealed class NodeSimulation : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ApiRequestCounts _informerApi;

    private NodeSimulation(
        KubeletSimulator kubelets, SchedulerSimulator? scheduler, (PodStartSimulator Starts, Workloads.ReplicaSetController ReplicaSets)? workloads,
        IInformer<Node> nodes, IInformer<Pod> pods, ApiRequestCounts informerApi, Func<CancellationToken, Task> run)
    {
        _informerApi = informerApi;
        Kubelets = kubelets;
        Scheduler = scheduler;
        PodStarts = workloads?.Starts;
        ReplicaSets = workloads?.ReplicaSets;
        Nodes = nodes;
        Pods = pods;
        _running = run(_stop.Token);
    }

    public KubeletSimulator Kubelets { get; }

    /// <summary>Null when <see cref="NodeSimulationOptions.RunScheduler"/> is off.</summary>
    public SchedulerSimulator? Scheduler { get; }

    /// <summary>Null unless <see cref="NodeSimulationOptions.RunWorkloads"/> is on.</summary>
    public PodStartSimulator? PodStarts { get; }

    /// <summary>Null unless <see cref="NodeSimulationOptions.RunWorkloads"/> is on.</summary>
    public Workloads.ReplicaSetController? ReplicaSets { get; }

    /// <summary>The node cache the scheduler reads (synced shortly after start).</summary>
    public IInformer<Node> Nodes { get; }

    /// <summary>The pod cache the scheduler reads (synced shortly after start).</summary>
    public IInformer<Pod> Pods { get; }

    /// <summary>Every Kubernetes API request this simulation sent: the kubelets', the scheduler's, the workloads' and
    /// the informers' (each list page and each watch opened).</summary>
    public long ApiRequests => Kubelets.Counters.ApiRequests + (Scheduler?.Counters.ApiRequests ?? 0) + _informerApi.Requests;

    /// <summary>Of <see cref="ApiRequests"/>, those the API server answered 429 Too Many Requests.</summary>
    public long ApiThrottled => Kubelets.Counters.ApiThrottled + (Scheduler?.Counters.ApiThrottled ?? 0) + _informerApi.Throttled;

    /// <summary>Completes when the simulation stops; faults if a component failed unexpectedly.</summary>
    public Task Completion => _running;

    /// <summary>Follows the instances tagged with the policy's cluster id on <paramref name="ecs"/>.</summary>
    public static NodeSimulation Start(
        EcsClient ecs,
        IKubernetesApiClient kubernetes,
        ScalePolicy policy,
        LatencyProfile profile,
        NodeSimulationOptions? options = null,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(policy);
        return Start(new EcsInstanceSource(ecs, policy.ClusterId), kubernetes, policy, profile, options, time, loggerFactory);
    }

    public static NodeSimulation Start(
        IInstanceSource instances,
        IKubernetesApiClient kubernetes,
        ScalePolicy policy,
        LatencyProfile profile,
        NodeSimulationOptions? options = null,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null)
    {
        options ??= new NodeSimulationOptions();
        time ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("node simulation options: " + string.Join("; ", problems), nameof(options));
        }

        var random = new Random(options.Kubelets.Seed);

        // The informers' lists and watches are counted with the rest; the kubelets and the scheduler pace their own.
        var informerApi = new ApiRequestCounts();
        var informerClient = new PacedKubernetesClient(kubernetes, null, informerApi);
        var nodes = InformerFactory.Create(informerClient, KubernetesResources.Nodes, null, InformerIndexes.ForNodes, time, random.NextDouble, loggerFactory);
        var pods = InformerFactory.Create(informerClient, KubernetesResources.Pods, null, InformerIndexes.ForPods, time, random.NextDouble, loggerFactory);
        var kubelets = new KubeletSimulator(instances, kubernetes, policy, profile, options.Kubelets, time, loggerFactory.CreateLogger<KubeletSimulator>());
        var scheduler = options.RunScheduler
            ? new SchedulerSimulator(kubernetes, nodes, pods, options.Scheduler, time, loggerFactory.CreateLogger<SchedulerSimulator>())
            : null;
        (PodStartSimulator, Workloads.ReplicaSetController)? workloads = null;
        IInformer<ReplicaSet>? replicaSets = null;
        if (options.RunWorkloads)
        {
            // Counted with the informers': neither the kubelets' pod side nor the controller paces its writes.
            replicaSets = InformerFactory.Create(informerClient, KubernetesResources.ReplicaSets, null, null, time, random.NextDouble, loggerFactory);
            workloads = (
                new PodStartSimulator(informerClient, pods, options.PodStart, time, loggerFactory.CreateLogger<PodStartSimulator>()),
                new Workloads.ReplicaSetController(informerClient, replicaSets, pods, options.ReplicaSets, time, loggerFactory.CreateLogger<Workloads.ReplicaSetController>()));
        }

        return new NodeSimulation(kubelets, scheduler, workloads, nodes, pods, informerApi, ct => Task.WhenAll(
            Task.Run(() => kubelets.RunAsync(ct), ct),
            Task.Run(() => nodes.RunAsync(ct), ct),
            Task.Run(() => pods.RunAsync(ct), ct),
            scheduler is null ? Task.CompletedTask : Task.Run(() => scheduler.RunAsync(ct), ct),
            replicaSets is null ? Task.CompletedTask : Task.Run(() => replicaSets.RunAsync(ct), ct),
            workloads is not { } w ? Task.CompletedTask : Task.WhenAll(Task.Run(() => w.Item1.RunAsync(ct), ct), Task.Run(() => w.Item2.RunAsync(ct), ct))));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before a component started.
        }

        _stop.Dispose();
    }
}
