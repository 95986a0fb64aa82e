using System.Text.Json.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

/// <summary>The cluster simulator on a loopback port and our client pointed at it, both on one fake clock, so
/// watch timeouts, bookmarks, backoffs, pacing and lease expiry move only when a test advances time.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private readonly List<IKubernetesApiClient> _clients = [];

    private SimulatorHarness(ClusterSimulatorServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
    }

    public ClusterSimulatorServer Server { get; }
    public ClusterStore Store => Server.Store;
    public FakeTimeProvider Time { get; }

    public static async Task<SimulatorHarness> StartAsync(ClusterSimulatorOptions? options = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        options ??= new ClusterSimulatorOptions();
        options.Listen = "127.0.0.1:0";
        var server = await ClusterSimulatorServer.StartAsync(options, time, null, CancellationToken.None);
        return new SimulatorHarness(server, time);
    }

    /// <summary>A client of the simulator; unpaced unless options say otherwise.</summary>
    /// <param name="clientTime">The client's own clock when a test must move it apart from the simulator's.</param>
    public IKubernetesApiClient Client(KubernetesClientOptions? options = null, TimeProvider? clientTime = null)
    {
        var client = KubernetesApiClientFactory.Create(
            KubernetesClientConfig.ForServer(Server.Address, "test-token"),
            options ?? new KubernetesClientOptions { Qps = 0 },
            clientTime ?? Time);
        _clients.Add(client);
        return client;
    }

    public void SeedNode(string name, string? providerId = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        var node = new JsonObject { ["metadata"] = metadata, ["spec"] = new JsonObject() };
        if (providerId is not null)
        {
            node["spec"]!["providerID"] = providerId;
        }

        Check(Store.Create(ResourceKind.Nodes, node));
    }

    public void SeedPod(string ns, string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        Check(Store.Create(ResourceKind.Pods, new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1" }) },
        }, ns));
    }

    public void LabelNode(string name, string key, string value) =>
        Check(Store.Patch(ResourceKind.Nodes, null, name, PatchType.Merge, new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [key] = value } } }));

    public void DeleteNode(string name) => Check(Store.Delete(ResourceKind.Nodes, null, name));

    public static void Check(StoreResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"simulator store refused: {result.Error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
