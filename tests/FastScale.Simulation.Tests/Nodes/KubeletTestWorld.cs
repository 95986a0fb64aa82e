using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Tests.Ecs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// Kubelets on a fake clock over a scripted instance source and the in-process API simulator, with fixed phases (boot
/// 1 s, registration 1 s, readiness 1 s). Tests step <see cref="Time"/> and call one sync at a time.
/// </summary>
internal sealed class KubeletTestWorld : IAsyncDisposable
{
    private KubeletTestWorld(
        ClusterSimulatorServer cluster, IKubernetesApiClient client, IKubernetesApiClient kubeletClient, FakeTimeProvider time, FakeInstanceSource cloud, KubeletSimulatorOptions options)
    {
        Cluster = cluster;
        Client = client;
        Time = time;
        Cloud = cloud;
        Kubelets = new KubeletSimulator(cloud, kubeletClient, TestPolicy.Create(), TestProfiles.Fixed(), options, time, NullLogger<KubeletSimulator>.Instance);
    }

    public FakeTimeProvider Time { get; }
    public FakeInstanceSource Cloud { get; }
    public ClusterSimulatorServer Cluster { get; }
    public IKubernetesApiClient Client { get; }
    public KubeletSimulator Kubelets { get; }

    /// <param name="wrap">Puts something (a recorder) between the kubelets and the API client; the test's own
    /// <see cref="Client"/> stays direct.</param>
    public static async Task<KubeletTestWorld> StartAsync(KubeletSimulatorOptions? options = null, Func<IKubernetesApiClient, FakeTimeProvider, IKubernetesApiClient>? wrap = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        var client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(cluster.Address), new KubernetesClientOptions { Qps = 0 }, time);
        return new KubeletTestWorld(cluster, client, wrap?.Invoke(client, time) ?? client, time, new FakeInstanceSource(), options ?? new KubeletSimulatorOptions());
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
