using FastScale.Engine.Demand;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Kubernetes.Tests.Adapters.Demand;

/// <summary>Events about unplaceable pods, posted through our client to the cluster simulator and read back from it.</summary>
public sealed class KubernetesDemandEventsTests : IAsyncLifetime
{
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });
        _client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private static UnplacedPod Unplaced(string name, string uid, UnplacedReason kind, string reason) => new(
        new PendingPod("team-a", name, uid, new PodRequests(64_000, 1L << 30), new Dictionary<string, string>(), [], [], DateTimeOffset.UnixEpoch),
        kind,
        reason);

    private async Task<IReadOnlyList<KubernetesEvent>> EventsUntilAsync(KubernetesDemandEvents events, int posted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (events.Posted < posted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }

        return (await _client.ListAllAsync(KubernetesResources.Events, "team-a", null, CancellationToken.None)).Value!.Items;
    }

    [Fact]
    public async Task PodUnplaceable_PostsOneWarningEventOnThePod_WithThePlannersReason()
    {
        var events = new KubernetesDemandEvents(_client, TimeProvider.System, NullLogger<KubernetesDemandEvents>.Instance);
        await events.StartAsync(CancellationToken.None);

        events.PodUnplaceable(Unplaced("big", "uid-1", UnplacedReason.TooLarge, "requests 64 cpu, largest allocatable is 7.9"));
        var posted = Assert.Single(await EventsUntilAsync(events, 1));
        await events.StopAsync(CancellationToken.None);

        Assert.Equal("Warning", posted.Type);
        Assert.Equal(KubernetesDemandEvents.UnplaceableReason, posted.Reason);
        Assert.Contains("requests 64 cpu, largest allocatable is 7.9", posted.Message, StringComparison.Ordinal);
        Assert.Equal(("Pod", "team-a", "big", "uid-1"), (posted.InvolvedObject!.Kind, posted.InvolvedObject.Namespace, posted.InvolvedObject.Name, posted.InvolvedObject.Uid));
        Assert.StartsWith("big.", posted.Metadata!.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodUnplaceable_ReportedAgainBySomeoneElse_DoesNotPostASecondEvent()
    {
        // A restarted provider (a fresh instance) reports the same pod and reason: the API answers AlreadyExists.
        var first = new KubernetesDemandEvents(_client, TimeProvider.System, NullLogger<KubernetesDemandEvents>.Instance);
        var second = new KubernetesDemandEvents(_client, TimeProvider.System, NullLogger<KubernetesDemandEvents>.Instance);
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);

        first.PodUnplaceable(Unplaced("big", "uid-1", UnplacedReason.TooLarge, "too large"));
        await EventsUntilAsync(first, 1);
        second.PodUnplaceable(Unplaced("big", "uid-1", UnplacedReason.TooLarge, "too large"));
        second.PodUnplaceable(Unplaced("picky", "uid-2", UnplacedReason.NoMatchingGroup, "no group has label x=y"));
        var all = await EventsUntilAsync(second, 2);
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(["big", "picky"], all.Select(e => e.InvolvedObject!.Name).Order(StringComparer.Ordinal));
    }
}
