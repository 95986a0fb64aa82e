using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Tests.TestSupport;
using static FastScale.Kubernetes.Tests.AgainstSimulator.WatchAgainstSimulatorTests;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class PacingAgainstSimulatorTests
{
    [Fact]
    public async Task Requests_BeyondTheBurst_ReachTheServerOnlyAtTheConfiguredRate()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.SeedNode("n1");
        var client = sim.Client(new KubernetesClientOptions { Qps = 5, Burst = 10 });

        var calls = Enumerable.Range(0, 30).Select(_ => client.GetAsync(KubernetesResources.Nodes, null, "n1", CancellationToken.None)).ToList();
        async Task<long> SettleAsync(int expected)
        {
            await WaitForAsync(() => calls.Count(c => c.IsCompleted) >= expected);
            for (var i = 0; i < 20; i++)
            {
                await Task.Yield();
            }

            return sim.Server.Counters.Requests;
        }

        Assert.Equal(10, await SettleAsync(10));
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(15, await SettleAsync(15));
        sim.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(30, await SettleAsync(30));
        Assert.All(await Task.WhenAll(calls).Within(), r => Assert.True(r.IsSuccess));
    }

    [Fact]
    public async Task Watch_OpeningIsPaced_ButItsEventsAreNot()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client(new KubernetesClientOptions { Qps = 1, Burst = 1 });
        using var stop = new CancellationTokenSource();
        await using var events = client.WatchAsync(KubernetesResources.Nodes, null, new WatchOptions { ResourceVersion = Version(sim) }, stop.Token).GetAsyncEnumerator(stop.Token);
        var first = events.MoveNextAsync().AsTask();
        await WaitForAsync(() => sim.Server.Counters.WatchersActive == 1);

        for (var i = 0; i < 50; i++)
        {
            sim.SeedNode($"n{i}");
        }

        Assert.True(await first.Within());
        var rest = await TakeAsync(events, 49);
        Assert.Equal("n49", rest[^1].Object!.Metadata!.Name);
        await stop.CancelAsync();
    }
}
