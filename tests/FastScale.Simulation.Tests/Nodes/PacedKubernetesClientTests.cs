using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>The per-component view of the shared client: requests and 429 answers counted, list pages one request each,
/// and the shared client left open when a view is disposed.</summary>
public sealed class PacedKubernetesClientTests : IAsyncLifetime
{
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _shared = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync();
        _shared = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        await _shared.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ListAll_EachPageCountedAsARequest_ItemsAndVersionAsTheSharedClientGivesThem()
    {
        for (var i = 0; i < 5; i++)
        {
            (await _shared.CreateAsync(KubernetesResources.Nodes, new Node { Metadata = new ObjectMeta { Name = $"n-{i}" } }, default)).GetValueOrThrow();
        }

        var counts = new ApiRequestCounts();
        var view = new PacedKubernetesClient(_shared, null, counts);

        var listed = (await view.ListAllAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 2 }, default)).GetValueOrThrow();

        Assert.Equal(["n-0", "n-1", "n-2", "n-3", "n-4"], listed.Items.Select(n => n.Metadata!.Name!).Order());
        Assert.False(string.IsNullOrEmpty(listed.ResourceVersion));
        Assert.Equal(3, counts.Requests);
    }

    [Fact]
    public async Task TooManyRequests_CountedApartFromOtherFailures()
    {
        var recorder = new RecordingKubernetesClient(_shared, TimeProvider.System);
        var counts = new ApiRequestCounts();
        var view = new PacedKubernetesClient(recorder, null, counts);

        recorder.Answer = new KubernetesApiError(429, "TooManyRequests", "slow down");
        await view.GetAsync(KubernetesResources.Nodes, null, "n-0", default);
        await view.BindAsync("default", "web-0", "n-0", default);
        recorder.Answer = null;
        await view.GetAsync(KubernetesResources.Nodes, null, "missing", default);

        Assert.Equal((3L, 2L), (counts.Requests, counts.Throttled));
    }

    [Fact]
    public async Task DisposingAView_LeavesTheSharedClientOpen()
    {
        await new PacedKubernetesClient(_shared, null, new ApiRequestCounts()).DisposeAsync();

        var created = await _shared.CreateAsync(KubernetesResources.Nodes, new Node { Metadata = new ObjectMeta { Name = "after" } }, default);

        Assert.True(created.IsSuccess);
    }
}
