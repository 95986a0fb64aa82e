using System.Text.Json.Nodes;
using FastScale.Engine.Cloud;
using FastScale.Testing.Cloud;
using FastScale.Engine.Demand;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Adapters.Readiness;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Adapters.Readiness;

/// <summary>
/// Fast mode on a cluster whose nodes carry <c>alicloud://&lt;region&gt;.&lt;id&gt;</c> providerIDs: the readiness fast
/// mode is wired with in serve (the node cache over a real node watch) must still recognise a Ready node as its
/// instance's, or the instance stays "coming" forever and absorbs pods it will never take.
/// </summary>
public sealed class SchemeProviderIdFastModeTests
{
    private const string Region = "cn-hangzhou";

    [Theory]
    [InlineData("")]
    [InlineData("alicloud://")]
    public async Task ReadyNode_InEitherProviderIdForm_IsNotCountedAsComing_SoEveryPendingPodGetsANewNode(string scheme)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var policy = new ScalePolicy
        {
            ClusterId = "test",
            Region = Region,
            NodeGroups =
            [
                new NodeGroupPolicy
                {
                    Id = "g1", MaxSize = 100, ImageId = "m-test", InstanceTypes = ["ecs.g7.large"],
                    Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-h", VSwitchId = "vsw-h" }], SecurityGroupId = "sg-test",
                    Resources = new NodeResources { Cpu = "2", Memory = "8Gi", Pods = "110" },
                },
            ],
        };
        var cloud = new InMemoryCloud(new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero }, time);
        var launched = await cloud.LaunchAsync(
            new LaunchRequest("test", "g1", "token-1", "m-test", "ecs.g7.large", "cn-hangzhou-h", "vsw-h", "sg-test", 1, 1), CancellationToken.None);
        var instanceId = Assert.Single(launched.Value!);
        var registry = new NodeGroupRegistry(policy);
        await Recover(registry, cloud, time);
        Assert.Equal(InstanceState.Running, Assert.Single(registry.Find("g1")!.Instances).State);

        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" }, time);
        Assert.True(cluster.Store.Create(ResourceKind.Nodes, ReadyNode("node-1", $"{scheme}{Region}.{instanceId}", time.GetUtcNow() - TimeSpan.FromMinutes(1))).IsSuccess);
        await using var client = KubernetesApiClientFactory.Create(
            KubernetesClientConfig.ForServer(cluster.Address, "token"), new KubernetesClientOptions { Qps = 0 }, time);
        using var cache = new NodeCache(client, time, NullLoggerFactory.Instance);
        await cache.StartAsync(CancellationToken.None);
        await cache.Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var readiness = new KubernetesNodeReadiness(cache.ByProviderId, time);

        // Three pods of 1.5 cores each: none fits the running node beside another, so each needs a node of its own.
        var pods = Enumerable.Range(0, 3)
            .Select(i => new PendingPod("default", $"p{i}", $"uid-{i}", new PodRequests(1500, 1L << 30, 0, null),
                new Dictionary<string, string>(), [], [], time.GetUtcNow()))
            .ToList();
        var plan = DemandPlanner.Plan(pods, [.. registry.Groups.Select(g => ComingCapacity.Of(g, readiness, NoNodeRoom.Instance))]);

        Assert.Equal(3, plan.NewNodes("g1"));
        await cache.StopAsync(CancellationToken.None);
    }

    private static async Task Recover(NodeGroupRegistry registry, ICloud cloud, TimeProvider time)
    {
        var budget = new CloudApiBudget(registry.Policy, new CloudApiBudgetOptions(), time, NullLogger<CloudApiBudget>.Instance);
        var paced = new PacedCloud(cloud, budget, NullLogger<PacedCloud>.Instance);
        var launcher = new Launcher(paced, new LauncherOptions(), time, NullLogger<Launcher>.Instance);
        using var reconciler = new NodeGroupReconciler(
            registry, paced, launcher, new ScaleSignal(), new ReconcilerOptions(), time, NullLogger<NodeGroupReconciler>.Instance);
        await reconciler.RecoverAsync(CancellationToken.None);
    }

    private static JsonObject ReadyNode(string name, string providerId, DateTimeOffset readySince) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["providerID"] = providerId },
        ["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = readySince.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            }),
        },
    };
}
