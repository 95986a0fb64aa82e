using System.Text.Json.Nodes;
using FastScale.Simulation.Cluster;

namespace FastScale.Simulation.Tests.Cluster;

public sealed class SlowWatcherTests
{
    [Fact]
    public async Task SlowWatcher_IsDroppedWithoutHoldingBackWritesOrOtherWatchers()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.WatcherBufferSize = 5);
        var (slow, _) = sim.Store.Watch(ObjectFilter.All(ResourceKind.Nodes), "0", bookmarks: false, sendInitialEvents: false);
        using var fast = await sim.WatchAsync("/api/v1/nodes?watch=true&resourceVersion=0");

        var received = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await sim.CreateNodeAsync($"n{i:D2}");
            received.Add(WatchTests.Describe((await fast.NextAsync())!));
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"ADDED n{i:D2}"), received);
        Assert.True(slow!.Dropped);
        Assert.Equal(1, sim.Server.Counters.WatchersDropped);
        var buffered = new List<WatchDelivery>();
        await foreach (var delivery in slow.Reader.ReadAllAsync())
        {
            buffered.Add(delivery);
        }

        Assert.Equal(5, buffered.Count);
    }

    [Fact]
    public async Task SlowHttpWatcher_GetsItsBufferedEventsThenA410Error()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.WatcherBufferSize = 3);
        await sim.CreateNodeAsync("big");
        using var slow = await sim.WatchAsync($"/api/v1/nodes?watch=true&resourceVersion={sim.Store.ResourceVersion}");
        var padding = new string('x', 512 * 1024);

        // About 20 MiB of events: more than the socket and Kestrel buffers hold for a client that reads nothing.
        for (var i = 0; i < 40 && sim.Server.Counters.WatchersDropped == 0; i++)
        {
            var (status, _) = await sim.MergePatchAsync("/api/v1/nodes/big",
                new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["pad"] = $"{i}{padding}" } } });
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }

        Assert.Equal(1, sim.Server.Counters.WatchersDropped);
        JsonObject? last = null;
        while (await slow.NextAsync() is { } e)
        {
            last = e;
        }

        Assert.Equal("ERROR", (string?)last!["type"]);
        Assert.Equal(410, (int)last["object"]!["code"]!);
    }
}
