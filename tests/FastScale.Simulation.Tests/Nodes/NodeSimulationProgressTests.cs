using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Tests.Ecs;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>The progress figures of <c>emulate nodes</c>: the census now, rates over the interval on the progress's own
/// clock, and every request the simulation sent (kubelets, scheduler and informers) counted once.</summary>
public sealed class NodeSimulationProgressTests
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sample_RatesOverItsOwnInterval_CensusNow_AllRequestsCounted()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var wall = new FakeTimeProvider();
        await using var cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), time);
        await using var shared = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(cluster.Address), new KubernetesClientOptions { Qps = 0 }, time);
        var recorder = new RecordingKubernetesClient(shared, time);
        var cloud = new FakeInstanceSource();
        await using var simulation = NodeSimulation.Start(cloud, recorder, TestPolicy.Create(), TestProfiles.Fixed(), new NodeSimulationOptions(), time);
        var progress = new NodeSimulationProgress(simulation, wall);
        for (var i = 0; i < 4; i++)
        {
            cloud.Set($"i-{i}", "Running");
        }

        await AdvanceUntilAsync(time, () => simulation.Kubelets.Census().Ready == 4);
        wall.Advance(TimeSpan.FromSeconds(10));
        var busy = progress.Sample();
        wall.Advance(TimeSpan.FromSeconds(10));
        var quiet = progress.Sample();

        Assert.Equal((4, 4), (busy.Census.Registered, busy.Census.Ready));
        Assert.Equal(0.4, busy.RegistrationsPerSecond, 6);
        Assert.Equal(TimeSpan.FromSeconds(10), busy.Interval);
        Assert.Equal(0, quiet.RegistrationsPerSecond);
        Assert.Equal(recorder.Sent.Count, simulation.ApiRequests);
        Assert.True(busy.RequestsPerSecond >= 4 * 5 / 10.0, $"{busy.RequestsPerSecond} requests/s"); // ≥ 5 requests a node to get Ready
        Assert.Equal(0, quiet.Throttled);
    }

    [Fact]
    public void Figures_ReadAsOneLine()
    {
        var figures = new NodeSimulationFigures(new KubeletCensus(900, 812, 640, TimeSpan.FromMilliseconds(210)), 20.25, 61, 180.4, 3, TimeSpan.FromSeconds(10));

        Assert.Equal(
            "nodes 812 registered, 640 Ready | 20.3 registrations/s | 61.0 lease renewals/s, worst lag 0.21 s | 180.4 requests/s | 3 × 429",
            figures.ToString());
    }

    /// <summary>Moves the simulation's clock 20 ms at a time until <paramref name="done"/>.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!done())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, "the nodes did not get Ready");
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }
    }
}
