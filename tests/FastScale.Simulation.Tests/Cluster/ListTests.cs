using System.Net;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Tests.Cluster;

public sealed class ListTests
{
    [Theory]
    [InlineData("tier=web", "a,b")]
    [InlineData("tier==web", "a,b")]
    [InlineData("tier!=web", "c,d")]
    [InlineData("tier in (web,db)", "a,b,c")]
    [InlineData("tier notin (web)", "c,d")]
    [InlineData("zone", "a,c")]
    [InlineData("!zone", "b,d")]
    [InlineData("tier=web,zone=z1", "a")]
    public async Task List_WithLabelSelector_ReturnsExactlyTheMatches(string selector, string expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("a", new() { ["tier"] = "web", ["zone"] = "z1" });
        await sim.CreateNodeAsync("b", new() { ["tier"] = "web" });
        await sim.CreateNodeAsync("c", new() { ["tier"] = "db", ["zone"] = "z2" });
        await sim.CreateNodeAsync("d");

        var (status, list) = await sim.GetAsync($"/api/v1/nodes?labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, Names(list));
    }

    [Fact]
    public async Task List_WithUnboundNotFinishedFieldSelector_ReturnsOnlyPendingPods()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreatePodAsync("default", "pending");
        await sim.CreatePodAsync("default", "bound", nodeName: "n1");
        await sim.CreatePodAsync("default", "done");
        await sim.MergePatchAsync("/api/v1/namespaces/default/pods/done/status", JsonNode.Parse("""{"status":{"phase":"Succeeded"}}"""));
        await sim.CreatePodAsync("default", "failed");
        await sim.MergePatchAsync("/api/v1/namespaces/default/pods/failed/status", JsonNode.Parse("""{"status":{"phase":"Failed"}}"""));
        await sim.CreatePodAsync("other", "elsewhere");

        var selector = Uri.EscapeDataString("spec.nodeName=,status.phase!=Succeeded,status.phase!=Failed");
        var (_, inDefault) = await sim.GetAsync($"/api/v1/namespaces/default/pods?fieldSelector={selector}");
        var (_, everywhere) = await sim.GetAsync($"/api/v1/pods?fieldSelector={selector}");
        var (_, onNode) = await sim.GetAsync("/api/v1/pods?fieldSelector=spec.nodeName%3Dn1");
        var (_, byName) = await sim.GetAsync("/api/v1/pods?fieldSelector=metadata.name%3Ddone,metadata.namespace%3Ddefault");

        Assert.Equal("pending", Names(inDefault));
        Assert.Equal("pending,elsewhere", Names(everywhere));
        Assert.Equal("bound", Names(onNode));
        Assert.Equal("done", Names(byName));
    }

    [Fact]
    public async Task List_WithLimit_PagesConsistentlyAtTheFirstPagesResourceVersion()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await sim.CreateNodeAsync($"n{i}");
        }

        var (_, first) = await sim.GetAsync("/api/v1/nodes?limit=2");
        await sim.CreateNodeAsync("n9");
        await sim.SendAsync(HttpMethod.Delete, "/api/v1/nodes/n3");
        var names = new List<string>(Names(first).Split(','));
        var page = first;
        while ((string?)page["metadata"]!["continue"] is { } token)
        {
            (_, page) = await sim.GetAsync($"/api/v1/nodes?limit=2&continue={Uri.EscapeDataString(token)}");
            Assert.Equal((string?)first["metadata"]!["resourceVersion"], (string?)page["metadata"]!["resourceVersion"]);
            names.AddRange(Names(page).Split(','));
        }

        Assert.Equal(3, (int)first["metadata"]!["remainingItemCount"]!);
        Assert.Equal(["n0", "n1", "n2", "n3", "n4"], names);
    }

    [Fact]
    public async Task List_WithExpiredContinueToken_Is410Expired()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.CreateNodeAsync("a");
        await sim.CreateNodeAsync("b");
        var (_, first) = await sim.GetAsync("/api/v1/nodes?limit=1");

        sim.Time.Advance(TimeSpan.FromMinutes(6));
        var (status, body) = await sim.GetAsync($"/api/v1/nodes?limit=1&continue={Uri.EscapeDataString((string)first["metadata"]!["continue"]!)}");

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("Expired", (string?)body["reason"]);
        Assert.Equal(410, (int)body["code"]!);
    }

    [Fact]
    public async Task List_AtExactOlderVersion_ShowsTheStateThen_AndTooOldIs410()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.EventHistorySize = 3);
        var a = await sim.CreateNodeAsync("a");
        await sim.CreateNodeAsync("b");
        await sim.MergePatchAsync("/api/v1/nodes/a", JsonNode.Parse("""{"metadata":{"labels":{"x":"y"}}}"""));
        var at = SimulatorHarness.Version(await sim.CreateNodeAsync("c"));
        await sim.SendAsync(HttpMethod.Delete, "/api/v1/nodes/b");
        await sim.CreateNodeAsync("d");

        var (status, then) = await sim.GetAsync($"/api/v1/nodes?resourceVersion={at}&resourceVersionMatch=Exact");
        var (oldStatus, old) = await sim.GetAsync($"/api/v1/nodes?resourceVersion={SimulatorHarness.Version(a)}&resourceVersionMatch=Exact");
        var (legacyStatus, _) = await sim.GetAsync($"/api/v1/nodes?resourceVersion={SimulatorHarness.Version(a)}&limit=10");
        var (recentStatus, recent) = await sim.GetAsync($"/api/v1/nodes?resourceVersion={SimulatorHarness.Version(a)}&resourceVersionMatch=NotOlderThan");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("a,b,c", Names(then));
        Assert.Equal(at, (string?)then["metadata"]!["resourceVersion"]);
        Assert.Equal(HttpStatusCode.Gone, oldStatus);
        Assert.Equal("Expired", (string?)old["reason"]);
        Assert.Equal(HttpStatusCode.Gone, legacyStatus);
        Assert.Equal(HttpStatusCode.OK, recentStatus);
        Assert.Equal("a,c,d", Names(recent));
    }

    [Fact]
    public async Task List_FromTheFuture_Is504TooLargeResourceVersion()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.GetAsync("/api/v1/nodes?resourceVersion=999&resourceVersionMatch=NotOlderThan");

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("Timeout", (string?)body["reason"]);
    }

    private static string Names(JsonObject list) =>
        string.Join(",", list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
}
