using System.Text.Json.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Tests.Nodes;
using FastScale.Simulation.Workloads;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Simulation.Tests.Workloads;

/// <summary>
/// The rollout's loop end to end on a fake clock, over the simulator's HTTP API: the ReplicaSet controller creates
/// pods, the scheduler binds them, the kubelets' pod side turns them Ready after the start delay; an eviction spends the
/// budget, the controller replaces the pod, and once the replacement is Ready the budget allows a disruption again.
/// </summary>
public sealed class ReplicaSetControllerTests : IAsyncLifetime
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(3);
    private FakeClockCluster _world = null!;
    private ReplicaSetController _controller = null!;
    private PodStartSimulator _starter = null!;

    private ClusterStore Store => _world.Server.Store;

    public async Task InitializeAsync()
    {
        _world = await FakeClockCluster.StartAsync();
        var replicaSets = InformerFactory.Create(_world.Client, KubernetesResources.ReplicaSets, null, null, _world.Time);
        var scheduler = new SchedulerSimulator(_world.Client, _world.Nodes, _world.Pods, new SchedulerSimulatorOptions(), _world.Time, NullLogger<SchedulerSimulator>.Instance);
        _starter = new PodStartSimulator(_world.Client, _world.Pods, new PodStartOptions { StartDelay = StartDelay }, _world.Time, NullLogger<PodStartSimulator>.Instance);
        _controller = new ReplicaSetController(_world.Client, replicaSets, _world.Pods, new ReplicaSetControllerOptions(), _world.Time, NullLogger<ReplicaSetController>.Instance);
        (await _world.Client.CreateAsync(KubernetesResources.Nodes, new Node
        {
            Metadata = new ObjectMeta { Name = "big" },
            Status = new NodeStatus
            {
                Allocatable = new Dictionary<string, string> { ["cpu"] = "64", ["memory"] = "256Gi", ["pods"] = "110" },
                Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
            },
        }, default)).GetValueOrThrow();
        await _world.RunAsync(replicaSets.RunAsync, scheduler.RunAsync, _starter.RunAsync, _controller.RunAsync);
    }

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task EvictedPod_IsRecreatedBoundAndReadyAfterTheStartDelay_RestoringTheBudget()
    {
        Assert.Null(Store.Create(ResourceKind.ReplicaSets, ReplicaSet("web", 3), "default").Error);
        Assert.Null(Store.Create(ResourceKind.PodDisruptionBudgets, Budget("web", minAvailable: 2), "default").Error);
        await AdvanceUntilAsync("three Ready pods", () => ReadyPods().Count == 3 && Allowed("web") == 1);
        var before = ReadyPods();

        var evicted = Store.Evict("default", before[0]);
        var refused = Store.Evict("default", before[1]);
        Assert.Null(evicted);
        Assert.Equal(429, refused?.Code);
        Assert.Equal(0, Allowed("web"));

        await AdvanceUntilAsync("the replacement Ready", () => ReadyPods().Count == 3 && Allowed("web") == 1);
        var replacement = ReadyPods().Except(before).Single();
        var pod = Store.Get(ResourceKind.Pods, "default", replacement).Object!;
        Assert.Equal("big", (string?)pod["spec"]!["nodeName"]);
        Assert.Equal("Running", (string?)pod["status"]!["phase"]);
        Assert.StartsWith("web-", replacement, StringComparison.Ordinal);
        var owner = pod["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("ReplicaSet", "web", true), ((string?)owner["kind"], (string?)owner["name"], (bool?)owner["controller"]));
        Assert.Equal("100m", (string?)pod["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]);
        Assert.True(Transition(pod, "Ready") - Transition(pod, "PodScheduled") >= StartDelay, "Ready before the start delay was over");
        await AdvanceUntilAsync("status readyReplicas 3", () => (int?)Store.Get(ResourceKind.ReplicaSets, "default", "web").Object!["status"]?["readyReplicas"] == 3);
        Assert.Equal(4, _controller.PodsCreated);
        Assert.Equal((1L, 1L, 0L), (Store.Counters.EvictionsAllowed, Store.Counters.EvictionsRefused, Store.Counters.EvictionBudgetViolations));
    }

    [Fact]
    public async Task ScaledDown_DeletesTheSurplus_AndNeverCreatesTwiceForOneMissingPod()
    {
        Assert.Null(Store.Create(ResourceKind.ReplicaSets, ReplicaSet("api", 4), "default").Error);
        await AdvanceUntilAsync("four Ready pods", () => ReadyPods().Count == 4);

        Assert.Null(Store.Patch(ResourceKind.ReplicaSets, "default", "api", PatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":2}}""")!).Error);
        // The counter moves when the delete's answer is read, which may trail the store by a moment.
        await AdvanceUntilAsync("two pods left", () => Store.List(ResourceKind.Pods, "default").Count == 2 && _controller.PodsDeleted == 2);
        await AdvanceUntilAsync("status replicas 2", () => (int?)Store.Get(ResourceKind.ReplicaSets, "default", "api").Object!["status"]?["replicas"] == 2);
        _world.Time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);

        Assert.Equal(4, _controller.PodsCreated);
        Assert.Equal(2, _controller.PodsDeleted);
        Assert.Equal(2, Store.List(ResourceKind.Pods, "default").Count);
    }

    private List<string> ReadyPods() =>
        [.. Store.List(ResourceKind.Pods, "default")
            .Where(p => (p["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True"))
            .Select(p => (string)p["metadata"]!["name"]!)];

    private int? Allowed(string budget) => (int?)Store.Get(ResourceKind.PodDisruptionBudgets, "default", budget).Object?["status"]?["disruptionsAllowed"];

    private static DateTimeOffset Transition(JsonObject pod, string type) =>
        DateTimeOffset.Parse((string)pod["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)!["lastTransitionTime"]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Steps the fake clock (100 ms at a time, letting the loops run between steps) until the condition holds.</summary>
    private async Task AdvanceUntilAsync(string what, Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, $"never reached: {what}");
            _world.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    private static JsonObject ReplicaSet(string name, int replicas) => WorkloadManifests.ReplicaSet(name, replicas, "100m", "registry.example/app:v1");

    private static JsonObject Budget(string app, int minAvailable) => WorkloadManifests.BudgetMinAvailable(app, minAvailable);
}
