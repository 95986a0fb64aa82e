using System.Text.Json.Nodes;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Adapters.Rollout;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Workloads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Adapters.Rollout;

/// <summary>
/// A cluster a drain runs in, all on one fake clock over the simulator's HTTP API: the simulated scheduler binds pods,
/// the kubelets' pod side turns them Ready after <see cref="StartDelay"/>, the ReplicaSet controller replaces evicted
/// pods, and the budgets answer evictions as a real API server does. The drainer under test reads its own node informer.
/// </summary>
internal sealed class DrainWorld : IAsyncDisposable
{
    public static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(40);
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private DrainWorld(FakeTimeProvider time, ClusterSimulatorServer server, IKubernetesApiClient client)
    {
        (Time, Server, Client) = (time, server, client);
        Nodes = InformerFactory.Create(client, KubernetesResources.Nodes, null, NodeIndexes.ForNodes, time);
        Pods = InformerFactory.Create(client, KubernetesResources.Pods, null, InformerIndexes.ForPods, time);
    }

    public FakeTimeProvider Time { get; }
    public ClusterSimulatorServer Server { get; }
    public ClusterStore Store => Server.Store;
    public IKubernetesApiClient Client { get; }
    public IInformer<Node> Nodes { get; }
    public IInformer<Pod> Pods { get; }
    public RolloutEvictionMetrics Metrics { get; } = new();

    public static async Task<DrainWorld> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        var client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(server.Address), new KubernetesClientOptions { Qps = 0 }, time);
        var world = new DrainWorld(time, server, client);
        var replicaSets = InformerFactory.Create(client, KubernetesResources.ReplicaSets, null, null, time);
        var scheduler = new SchedulerSimulator(client, world.Nodes, world.Pods, new SchedulerSimulatorOptions(), time, NullLogger<SchedulerSimulator>.Instance);
        var starter = new PodStartSimulator(client, world.Pods, new PodStartOptions { StartDelay = StartDelay }, time, NullLogger<PodStartSimulator>.Instance);
        var controller = new ReplicaSetController(client, replicaSets, world.Pods, new ReplicaSetControllerOptions(), time, NullLogger<ReplicaSetController>.Instance);
        var token = world._stop.Token;
        world._running = Task.WhenAll(
            world.Nodes.RunAsync(token), world.Pods.RunAsync(token), replicaSets.RunAsync(token), scheduler.RunAsync(token), starter.RunAsync(token), controller.RunAsync(token));
        await world.Nodes.WaitForSyncAsync(CancellationToken.None);
        await world.Pods.WaitForSyncAsync(CancellationToken.None);
        return world;
    }

    public KubernetesNodeDrainer Drainer(RolloutDrainOptions? options = null) =>
        new(Client, Nodes, Metrics, options ?? new RolloutDrainOptions(), Time, NullLogger<KubernetesNodeDrainer>.Instance, random: () => 0.5);

    /// <summary>A Ready node with room for 110 pods, providerID <c>cn-hangzhou.i-NAME</c>; returns once the drainer's informer has it.</summary>
    public async Task AddNodeAsync(string name, bool unschedulable = false, IReadOnlyDictionary<string, string>? annotations = null)
    {
        (await Client.CreateAsync(KubernetesResources.Nodes, new Node
        {
            Metadata = new ObjectMeta { Name = name, Annotations = annotations },
            Spec = new NodeSpec { ProviderId = "cn-hangzhou.i-" + name, Unschedulable = unschedulable },
            Status = new NodeStatus
            {
                Allocatable = new Dictionary<string, string> { ["cpu"] = "64", ["memory"] = "256Gi", ["pods"] = "110" },
                Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
            },
        }, default)).GetValueOrThrow();
        await RealUntilAsync($"node {name} in the informer", () => NodeIndexes.NodesOf(Nodes, "i-" + name).Count == 1);
    }

    /// <summary>A pod bound to <paramref name="node"/> and Running and Ready at once (no start delay).</summary>
    public void AddRunningPod(string name, string node, JsonObject? ownerReference = null, IReadOnlyDictionary<string, string>? annotations = null,
        string phase = "Running", IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ownerReference is not null)
        {
            metadata["ownerReferences"] = new JsonArray(ownerReference);
        }

        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        SimulatorCheck(Store.Create(ResourceKind.Pods, new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1" }) },
        }, "default"));
        SimulatorCheck(Store.Patch(ResourceKind.Pods, "default", name, PatchType.Merge, new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = phase == "Running" ? "True" : "False" }),
            },
        }, statusSubresource: true));
    }

    public void AddReplicaSet(string name, int replicas) =>
        SimulatorCheck(Store.Create(ResourceKind.ReplicaSets, WorkloadManifests.ReplicaSet(name, replicas, "100m"), "default"));

    public void AddBudget(string app, int minAvailable) =>
        SimulatorCheck(Store.Create(ResourceKind.PodDisruptionBudgets, WorkloadManifests.BudgetMinAvailable(app, minAvailable), "default"));

    /// <summary>Names of the pods on a node, per the store.</summary>
    public List<string> PodsOn(string node) =>
        [.. Store.List(ResourceKind.Pods, "default").Where(p => (string?)p["spec"]?["nodeName"] == node).Select(p => (string)p["metadata"]!["name"]!).Order(StringComparer.Ordinal)];

    public int ReadyPodsOn(string node, string app) => Store.List(ResourceKind.Pods, "default").Count(p =>
        (string?)p["spec"]?["nodeName"] == node && (string?)p["metadata"]?["labels"]?["app"] == app
        && (p["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True"));

    public async Task<Node> NodeAsync(string name) => (await Client.GetAsync(KubernetesResources.Nodes, null, name, default)).GetValueOrThrow();

    /// <summary>Steps the fake clock (<paramref name="step"/> at a time, letting the loops run between steps) until the task ends.</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan? step = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!task.IsCompleted)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, "the drain never ended");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
            Time.Advance(step ?? TimeSpan.FromMilliseconds(250));
        }

        return await task;
    }

    public async Task AdvanceUntilAsync(string what, Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, $"never reached: {what}");
            Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>Waits on real I/O alone (informer events), the clock standing still.</summary>
    public static async Task RealUntilAsync(string what, Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, $"never reached: {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    public static JsonObject Owner(string kind, string name) =>
        new() { ["apiVersion"] = "apps/v1", ["kind"] = kind, ["name"] = name, ["uid"] = "uid-" + name, ["controller"] = true };

    private static void SimulatorCheck(StoreResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"simulator store refused: {result.Error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        Metrics.Dispose();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
