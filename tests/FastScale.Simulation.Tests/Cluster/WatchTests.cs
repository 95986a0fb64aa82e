using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.Simulation.Tests.Cluster;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterChangesInOrderThenLiveOnes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var from = SimulatorHarness.Version(await sim.CreateNodeAsync("n1"));
        await sim.CreateNodeAsync("n2");
        await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}}}"""));

        using var watch = await sim.WatchAsync($"/api/v1/nodes?watch=true&resourceVersion={from}");
        var replayed = await watch.NextAsync(2);
        await sim.SendAsync(HttpMethod.Delete, "/api/v1/nodes/n2");
        var live = await watch.NextAsync();

        Assert.Equal(["ADDED n2", "MODIFIED n1"], replayed.Select(Describe));
        Assert.Equal("DELETED n2", Describe(live!));
        var versions = replayed.Append(live!).Select(e => SimulatorHarness.VersionNumber(e["object"]!.AsObject())).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(sim.Store.ResourceVersion, versions[^1]);
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithTheCurrentStateAsAdded()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreatePodAsync("default", "p1");
        await sim.CreatePodAsync("other", "p2");

        using var watch = await sim.WatchAsync("/api/v1/namespaces/default/pods?watch=1");
        var first = await watch.NextAsync();
        await sim.CreatePodAsync("default", "p3");
        var second = await watch.NextAsync();

        Assert.Equal("ADDED p1", Describe(first!));
        Assert.Equal("ADDED p3", Describe(second!));
    }

    [Fact]
    public async Task Watch_FromVersionOlderThanHistory_SendsErrorEventWith410AndEnds()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.EventHistorySize = 2);
        for (var i = 0; i < 5; i++)
        {
            await sim.CreateNodeAsync($"n{i}");
        }

        using var watch = await sim.WatchAsync("/api/v1/nodes?watch=true&resourceVersion=1");
        var error = await watch.NextAsync();

        Assert.Equal("ERROR", (string?)error!["type"]);
        var status = error["object"]!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal(410, (int)status["code"]!);
        Assert.Equal("Expired", (string?)status["reason"]);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Watch_FromOldestRetainedVersion_StillResumes()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.EventHistorySize = 2);
        for (var i = 0; i < 5; i++)
        {
            await sim.CreateNodeAsync($"n{i}");
        }

        using var watch = await sim.WatchAsync("/api/v1/nodes?watch=true&resourceVersion=3");

        Assert.Equal(["ADDED n3", "ADDED n4"], (await watch.NextAsync(2)).Select(Describe));
    }

    [Fact]
    public async Task Watch_WithBookmarks_GetsBookmarkAtCurrentVersionWhenTheClockAdvances()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var node = await sim.CreateNodeAsync("n1");
        using var withBookmarks = await sim.WatchAsync($"/api/v1/nodes?watch=true&allowWatchBookmarks=true&resourceVersion={SimulatorHarness.Version(node)}");
        using var without = await sim.WatchAsync($"/api/v1/nodes?watch=true&resourceVersion={SimulatorHarness.Version(node)}");
        await sim.CreatePodAsync("default", "unrelated");

        sim.Time.Advance(TimeSpan.FromMinutes(1));
        var bookmark = await withBookmarks.NextAsync();
        await sim.CreateNodeAsync("n2");

        Assert.Equal("BOOKMARK", (string?)bookmark!["type"]);
        Assert.Equal("Node", (string?)bookmark["object"]!["kind"]);
        Assert.Equal(SimulatorHarness.VersionNumber(node) + 1, SimulatorHarness.VersionNumber(bookmark["object"]!.AsObject()));
        Assert.Equal("ADDED n2", Describe((await without.NextAsync())!));
        Assert.Equal("ADDED n2", Describe((await withBookmarks.NextAsync())!));
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsTheWatchOnTheInjectedClock()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var watch = await sim.WatchAsync("/api/v1/nodes?watch=true&resourceVersion=0&timeoutSeconds=5");
        await sim.CreateNodeAsync("n1");
        Assert.Equal("ADDED n1", Describe((await watch.NextAsync())!));

        sim.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Watch_WithLabelSelector_SeesObjectsEnterAsAddedAndLeaveAsDeleted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var watch = await sim.WatchAsync("/api/v1/nodes?watch=true&labelSelector=tier%3Dweb");
        await sim.CreateNodeAsync("n1");
        await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"metadata":{"labels":{"tier":"web"}}}"""));
        await sim.MergePatchAsync("/api/v1/nodes/n1", JsonNode.Parse("""{"metadata":{"labels":{"tier":"db"}}}"""));
        await sim.CreateNodeAsync("n2", new() { ["tier"] = "web" });

        var events = await watch.NextAsync(3);

        Assert.Equal(["ADDED n1", "DELETED n1", "ADDED n2"], events.Select(Describe));
        Assert.Equal("web", (string?)events[1]["object"]!["metadata"]!["labels"]!["tier"]);
    }

    internal static string Describe(JsonObject e) => $"{(string?)e["type"]} {(string?)e["object"]!["metadata"]!["name"]}";
}
