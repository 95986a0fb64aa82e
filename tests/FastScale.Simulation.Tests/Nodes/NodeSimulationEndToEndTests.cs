using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// The whole chain in-process, over real sockets and the real clock with the `fast` profile: ECS emulator → EcsCloud
/// launches → kubelets register Nodes in the cluster simulator → the scheduler binds pods. Waits are bounded; nothing
/// asserts on timing.
/// </summary>
public sealed class NodeSimulationEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private EcsEmulatorServer _ecs = null!;
    private ClusterSimulatorServer _cluster = null!;
    private HttpClient _ecsHttp = null!;
    private EcsCloud _cloud = null!;
    private IKubernetesApiClient _kubernetes = null!;

    public async Task InitializeAsync() => await StartAsync(FaultShares.None);

    public async Task DisposeAsync()
    {
        await _kubernetes.DisposeAsync();
        _ecsHttp.Dispose();
        await _cluster.DisposeAsync();
        await _ecs.DisposeAsync();
    }

    [Fact]
    public async Task LaunchedInstances_RegisterReadyNodes_ThenReleaseDeletesThem()
    {
        await using var simulation = Start();
        var ids = await LaunchAsync("general", 4);
        ids.AddRange(await LaunchAsync("gpu", 1));

        var nodes = await WaitAsync(async () => (await ListNodesAsync()) is { Count: 5 } all && all.All(IsReadyAndUntainted) ? all : null);

        foreach (var id in ids)
        {
            var node = Assert.Single(nodes, n => n.Metadata!.Name == id);
            Assert.Equal($"{TestPolicy.Region}.{id}", node.Spec!.ProviderId);
        }

        var gpu = Assert.Single(nodes, n => n.Metadata!.Labels!["fastscale.io/node-group"] == "gpu");
        Assert.Equal("gpu", gpu.Metadata!.Labels!["accel"]);
        Assert.Contains(gpu.Spec!.Taints!, t => t.Key == "dedicated" && t.Effect == "NoSchedule");
        Assert.All(ids, id => Assert.NotNull(simulation.Kubelets.Find(id)!.ReadyAt));

        Assert.True((await _cloud.DeleteInstancesAsync(ids.Take(2).ToList(), default)).IsSuccess);
        await WaitAsync(async () => (await ListNodesAsync()).Count == 3 ? true : (bool?)null);
    }

    [Fact]
    public async Task NeverRegistersShare_TheFaultPlansInstancesGetNoNode()
    {
        var faults = new FaultShares { Seed = 7, NeverRegisters = 0.5 };
        await DisposeAsync();
        await StartAsync(faults);
        await using var simulation = Start();
        var ids = await LaunchAsync("general", 10);
        var plan = new FaultPlan(faults);
        var expected = ids.Where(id => !plan.NeverRegisters(id)).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(expected.Count, 1, 9);

        await WaitAsync(() => Task.FromResult(simulation.Kubelets.Counters.NodesReady == expected.Count && simulation.Kubelets.Counters.NeverRegistered == ids.Count - expected.Count ? true : (bool?)null));

        Assert.Equal(expected, (await ListNodesAsync()).Select(n => n.Metadata!.Name!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PendingPods_BoundToReadyNodesWithRoom_RestUnschedulableWithStableTransitionTime()
    {
        await using var simulation = Start(new NodeSimulationOptions { Scheduler = { MessageRefreshInterval = TimeSpan.FromMilliseconds(100) } });
        for (var i = 0; i < 5; i++)
        {
            await CreatePodAsync($"web-{i}", "1");
        }

        await CreatePodAsync("gpu-job", "1", selector: true, tolerate: true);
        await CreatePodAsync("gpu-untolerated", "1", selector: true, tolerate: false);

        // No nodes yet: everything is unschedulable, as a burst starts.
        var early = await WaitAsync(async () => Unschedulable(await PodAsync("web-4")));
        Assert.Equal("no nodes available to schedule pods", early.Message);

        await LaunchAsync("general", 2);
        await LaunchAsync("gpu", 1);
        var pods = await WaitAsync(async () =>
        {
            var all = (await _kubernetes.ListAllAsync(KubernetesResources.Pods, "default", null, default)).GetValueOrThrow().Items;
            return all.Count(p => !string.IsNullOrEmpty(p.Spec?.NodeName)) == 5 && Unschedulable(all.Single(p => p.Metadata!.Name == "web-4")) is { Message: var m } && m!.EndsWith("2 Insufficient cpu.", StringComparison.Ordinal)
                && Unschedulable(all.Single(p => p.Metadata!.Name == "gpu-untolerated")) is { Message: var g } && g!.Contains("didn't match", StringComparison.Ordinal)
                ? all
                : null;
        });

        var byName = pods.ToDictionary(p => p.Metadata!.Name!);
        var nodes = (await ListNodesAsync()).ToDictionary(n => n.Metadata!.Name!);
        Assert.Equal("gpu", nodes[byName["gpu-job"].Spec!.NodeName!].Metadata!.Labels!["fastscale.io/node-group"]);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal("general", nodes[byName[$"web-{i}"].Spec!.NodeName!].Metadata!.Labels!["fastscale.io/node-group"]));
        Assert.Null(byName["gpu-untolerated"].Spec?.NodeName);

        var late = Unschedulable(byName["web-4"])!;
        Assert.Equal("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.", late.Message);
        Assert.Equal(early.LastTransitionTime, late.LastTransitionTime);
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector.",
            Unschedulable(byName["gpu-untolerated"])!.Message);
    }

    [Fact]
    public async Task RunWorkloads_ReplicaSetPodsRunOnLaunchedNodes_AndAnEvictedOneComesBack()
    {
        await using var simulation = Start(new NodeSimulationOptions { RunWorkloads = true, PodStart = { StartDelay = TimeSpan.FromMilliseconds(200) } });
        var replicaSet = new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 3,
                Selector = new FastScale.Kubernetes.Models.LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "pause", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = "100m" } } }] },
                },
            },
        };
        (await _kubernetes.CreateAsync(KubernetesResources.ReplicaSets, replicaSet, default)).GetValueOrThrow();
        await LaunchAsync("general", 1);

        var ready = await WaitAsync(async () => await ReadyPodsAsync() is { Count: 3 } names ? names : null);
        Assert.Null(_cluster.Store.Evict("default", ready[0]));
        var after = await WaitAsync(async () => await ReadyPodsAsync() is { Count: 3 } names && !names.Contains(ready[0]) ? names : null);

        Assert.Equal(2, after.Intersect(ready).Count());
        Assert.Equal(4, simulation.ReplicaSets!.PodsCreated);
        Assert.True(simulation.PodStarts!.PodsStarted >= 4);
    }

    private async Task<List<string>> ReadyPodsAsync() =>
        [.. (await _kubernetes.ListAllAsync(KubernetesResources.Pods, "default", null, default)).GetValueOrThrow().Items
            .Where(p => p.Status?.Phase == "Running" && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .Select(p => p.Metadata!.Name!)];

    private async Task StartAsync(FaultShares faults)
    {
        var profile = LatencyProfileLoader.LoadEmbedded("fast").GetOrThrow() with { Faults = faults };
        _ecs = await EcsEmulatorServer.StartAsync(new EcsEmulatorOptions { Profile = profile, RegionId = TestPolicy.Region });
        _cluster = await ClusterSimulatorServer.StartAsync();
        _ecsHttp = new HttpClient();
        var client = new EcsClient(
            _ecsHttp, new EcsClientOptions { RegionId = TestPolicy.Region, Endpoint = _ecs.Address }, new EcsCredentials("fastscale-emulator", "fastscale-emulator-secret"),
            TimeProvider.System, NullLogger<EcsClient>.Instance);
        _cloud = new EcsCloud(client, TimeProvider.System);
        _kubernetes = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 });
    }

    private NodeSimulation Start(NodeSimulationOptions? options = null) =>
        NodeSimulation.Start(_cloud.Client, _kubernetes, TestPolicy.Create(), _ecs.Emulator.Profile, options, TimeProvider.System);

    private async Task<List<string>> LaunchAsync(string group, int amount)
    {
        var type = group == "gpu" ? TestPolicy.GpuType : TestPolicy.GeneralType;
        var launched = await _cloud.LaunchAsync(
            new LaunchRequest(TestPolicy.ClusterId, group, Guid.NewGuid().ToString("N"), "m-test-image", type, "cn-hangzhou-h", "vsw-test", "sg-test", amount, 0), default);
        Assert.True(launched.IsSuccess, launched.Error?.ToString());
        return [.. launched.Value!];
    }

    private async Task<List<Node>> ListNodesAsync() =>
        [.. (await _kubernetes.ListAllAsync(KubernetesResources.Nodes, null, null, default)).GetValueOrThrow().Items];

    private async Task<Pod> PodAsync(string name) => (await _kubernetes.GetAsync(KubernetesResources.Pods, "default", name, default)).GetValueOrThrow();

    private async Task CreatePodAsync(string name, string cpu, bool selector = false, bool tolerate = false)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "c", Image = "pause", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = cpu } } }],
                NodeSelector = selector ? new Dictionary<string, string> { ["accel"] = "gpu" } : null,
                Tolerations = tolerate ? [new Toleration { Key = "dedicated", Operator = "Equal", Value = "gpu", Effect = "NoSchedule" }] : null,
            },
            Status = new PodStatus { Phase = "Pending" },
        };
        (await _kubernetes.CreateAsync(KubernetesResources.Pods, pod, default)).GetValueOrThrow();
    }

    private static PodCondition? Unschedulable(Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable");

    private static bool IsReadyAndUntainted(Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
        && node.Spec?.Taints?.Any(t => t.Key == "node.kubernetes.io/not-ready") != true;

    /// <summary>Polls until <paramref name="probe"/> answers non-null, failing after <see cref="Deadline"/>.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.False(deadline.IsCancellationRequested, "condition not reached within the deadline");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }
}
