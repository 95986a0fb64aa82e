using System.Globalization;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.TestSupport;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class WatchAgainstSimulatorTests
{
    [Fact]
    public async Task Watch_ResumedFromLastSeenVersion_DeliversEveryChangeOnceInOrder()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.SeedNode("n0");
        var from = Version(sim);
        var client = sim.Client();
        sim.SeedNode("n1");
        sim.LabelNode("n0", "a", "1");
        sim.DeleteNode("n1");
        sim.SeedNode("n2");

        var seen = new List<WatchEvent<Node>>();
        using (var first = new CancellationTokenSource())
        {
            await using var events = client.WatchAsync(KubernetesResources.Nodes, null, new WatchOptions { ResourceVersion = from }, first.Token).GetAsyncEnumerator(first.Token);
            seen.AddRange(await TakeAsync(events, 3));
            await first.CancelAsync();
        }

        // Changes while no watch is open: the resume must pick them up from history.
        sim.LabelNode("n2", "b", "2");
        sim.DeleteNode("n0");
        using (var second = new CancellationTokenSource())
        {
            var resumeFrom = seen[^1].Object!.Metadata!.ResourceVersion;
            await using var events = client.WatchAsync(KubernetesResources.Nodes, null, new WatchOptions { ResourceVersion = resumeFrom }, second.Token).GetAsyncEnumerator(second.Token);
            seen.AddRange(await TakeAsync(events, 3));
            sim.SeedNode("n3"); // and one live change on the open watch
            seen.AddRange(await TakeAsync(events, 1));
            await second.CancelAsync();
        }

        Assert.Equal(
            ["Added n1", "Modified n0", "Deleted n1", "Added n2", "Modified n2", "Deleted n0", "Added n3"],
            seen.Select(e => $"{e.Type} {e.Object!.Metadata!.Name}"));
        var versions = seen.Select(e => long.Parse(e.Object!.Metadata!.ResourceVersion!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Watch_FromVersionOlderThanHistory_EndsWithGoneErrorEvent()
    {
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { EventHistorySize = 3 });
        sim.SeedNode("n0");
        var from = Version(sim);
        for (var i = 1; i <= 5; i++)
        {
            sim.SeedNode($"n{i}");
        }

        var events = await client(sim).WatchAsync(KubernetesResources.Nodes, null, new WatchOptions { ResourceVersion = from }, CancellationToken.None)
            .ToListAsync().AsTask().Within();

        var error = Assert.Single(events);
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.Equal(410, error.Error!.Code);

        static IKubernetesApiClient client(SimulatorHarness sim) => sim.Client();
    }

    [Fact]
    public async Task Watch_WithBookmarks_GetsBookmarkAtTheStoresVersionWhenOtherKindsChange()
    {
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { BookmarkInterval = TimeSpan.FromSeconds(10) });
        sim.SeedNode("n0");
        var client = sim.Client();
        using var stop = new CancellationTokenSource();
        await using var events = client.WatchAsync(KubernetesResources.Nodes, null, new WatchOptions { ResourceVersion = Version(sim), AllowWatchBookmarks = true }, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask();
        await WaitForAsync(() => sim.Server.Counters.WatchersActive == 1);
        sim.SeedPod("default", "p1"); // the node watch sees nothing of it, but the store's version moves

        sim.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await next.Within());
        Assert.Equal(WatchEventType.Bookmark, events.Current.Type);
        Assert.Equal(Version(sim), events.Current.Object!.Metadata!.ResourceVersion);
        await stop.CancelAsync();
    }

    internal static string Version(SimulatorHarness sim) => sim.Store.ResourceVersion.ToString(CultureInfo.InvariantCulture);

    internal static async Task<List<WatchEvent<T>>> TakeAsync<T>(IAsyncEnumerator<WatchEvent<T>> events, int count)
        where T : class
    {
        var taken = new List<WatchEvent<T>>();
        while (taken.Count < count)
        {
            Assert.True(await events.MoveNextAsync().AsTask().Within(), "the watch ended early");
            taken.Add(events.Current);
        }

        return taken;
    }

    /// <summary>Waits (bounded in real time) for a condition that real loopback I/O makes true.</summary>
    internal static async Task WaitForAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = Environment.TickCount64 + (seconds * 1000);
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, "condition not met in time");
            await Task.Yield();
            await Task.Delay(5);
        }
    }
}
