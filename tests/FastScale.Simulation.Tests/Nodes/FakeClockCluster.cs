using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// The cluster simulator on a fake clock, an unpaced client of it, and node and pod informers over that client: what
/// the scheduler tests stand on.
/// </summary>
internal sealed class FakeClockCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private FakeClockCluster(FakeTimeProvider time, ClusterSimulatorServer server, IKubernetesApiClient client)
    {
        (Time, Server, Client) = (time, server, client);
        Nodes = InformerFactory.Create(client, KubernetesResources.Nodes, null, InformerIndexes.ForNodes, time);
        Pods = InformerFactory.Create(client, KubernetesResources.Pods, null, InformerIndexes.ForPods, time);
    }

    public FakeTimeProvider Time { get; }

    public ClusterSimulatorServer Server { get; }

    public IKubernetesApiClient Client { get; }

    public IInformer<Node> Nodes { get; }

    public IInformer<Pod> Pods { get; }

    public static async Task<FakeClockCluster> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var server = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        var client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(server.Address), new KubernetesClientOptions { Qps = 0 }, time);
        return new FakeClockCluster(time, server, client);
    }

    /// <summary>Runs both informers, and <paramref name="loops"/> beside them, until disposed; returns once both have listed.</summary>
    public async Task RunAsync(params Func<CancellationToken, Task>[] loops)
    {
        _running = Task.WhenAll([Nodes.RunAsync(_stop.Token), Pods.RunAsync(_stop.Token), .. loops.Select(loop => loop(_stop.Token))]);
        await Nodes.WaitForSyncAsync(CancellationToken.None);
        await Pods.WaitForSyncAsync(CancellationToken.None);
    }

    /// <summary>A pending pod in <c>default</c> asking for one cpu.</summary>
    public async Task CreatePodAsync(string name) =>
        (await Client.CreateAsync(KubernetesResources.Pods, new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "pause", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = "1" } } }] },
            Status = new PodStatus { Phase = "Pending" },
        }, default)).GetValueOrThrow();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
