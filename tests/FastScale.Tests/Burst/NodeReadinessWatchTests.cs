using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Tests.Burst;

/// <summary>The burst's own watch against the cluster simulator: what it stamps Ready is the provider's definition.</summary>
public sealed class NodeReadinessWatchTests
{
    [Fact]
    public async Task NodeReadyButStillTaintedNotReady_IsRegisteredNotReady_UntilTheTaintIsLifted_InEitherProviderIdForm()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" }, time);
        await using var client = KubernetesApiClientFactory.Create(
            KubernetesClientConfig.ForServer(cluster.Address, "token"), new KubernetesClientOptions { Qps = 0 }, time);
        Assert.True(cluster.Store.Create(ResourceKind.Nodes, Node("a", "alicloud://cn-hangzhou.i-a", notReadyTaint: true)).IsSuccess);
        Assert.True(cluster.Store.Create(ResourceKind.Nodes, Node("b", "cn-hangzhou.i-b", notReadyTaint: false)).IsSuccess);
        var watch = new NodeReadinessWatch(client, time);
        using var stop = new CancellationTokenSource();
        var run = watch.RunAsync(stop.Token);

        await Until(() => watch.RegisteredAt.Count == 2 && watch.ReadyAt.ContainsKey("i-b"));
        Assert.False(watch.ReadyAt.ContainsKey("i-a"));
        Assert.Equal(["i-b"], watch.InstancesReadyNow());

        Assert.True(cluster.Store.Patch(ResourceKind.Nodes, null, "a", PatchType.Merge, JsonNode.Parse("""{"spec":{"taints":null}}""")!).IsSuccess);
        await Until(() => watch.ReadyAt.ContainsKey("i-a"));
        Assert.Equal(["i-a", "i-b"], watch.InstancesReadyNow().Order());

        await stop.CancelAsync();
        await run;
    }

    private static JsonObject Node(string name, string providerId, bool notReadyTaint)
    {
        var spec = new JsonObject { ["providerID"] = providerId };
        if (notReadyTaint)
        {
            spec["taints"] = new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["effect"] = "NoSchedule" });
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) },
        };
    }

    private static async Task Until(Func<bool> done)
    {
        // The watch runs on its own tasks over loopback HTTP: give it real turns, bounded.
        for (var i = 0; i < 2000 && !done(); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        Assert.True(done(), "the watch did not catch up");
    }
}
