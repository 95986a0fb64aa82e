using System.Text.Json.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class ListAgainstSimulatorTests
{
    [Fact]
    public async Task List_WithLabelSelectors_ReturnsOnlyMatchingNodes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.SeedNode("a", labels: new Dictionary<string, string> { ["pool"] = "gpu", ["zone"] = "h" });
        sim.SeedNode("b", labels: new Dictionary<string, string> { ["pool"] = "cpu", ["zone"] = "i" });
        sim.SeedNode("c", labels: new Dictionary<string, string> { ["zone"] = "j" });
        var client = sim.Client();

        async Task<string[]> Names(string selector) =>
            [.. (await client.ListAsync(KubernetesResources.Nodes, null, new ListOptions { LabelSelector = selector }, CancellationToken.None))
                .GetValueOrThrow().Items!.Select(n => n.Metadata!.Name!).Order()];

        Assert.Equal(["a"], await Names("pool=gpu"));
        Assert.Equal(["b", "c"], await Names("pool!=gpu"));
        Assert.Equal(["a", "b"], await Names("pool"));
        Assert.Equal(["c"], await Names("!pool"));
        Assert.Equal(["a", "c"], await Names("zone in (h,j)"));
        Assert.Equal(["b"], await Names("pool,zone notin (h)"));
    }

    [Fact]
    public async Task List_PendingPodFieldSelector_ReturnsUnboundLivePodsOfTheNamespace()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.SeedNode("n1");
        foreach (var name in new[] { "pending", "bound", "succeeded", "failed" })
        {
            sim.SeedPod("default", name);
        }

        sim.SeedPod("other", "pending-elsewhere");
        SimulatorHarness.Check(sim.Store.Bind("default", "bound", "n1"));
        SetPhase(sim, "succeeded", "Succeeded");
        SetPhase(sim, "failed", "Failed");
        var client = sim.Client();

        var pods = await client.ListAsync(KubernetesResources.Pods, "default",
            new ListOptions { FieldSelector = "spec.nodeName=,status.phase!=Succeeded,status.phase!=Failed" }, CancellationToken.None);
        var onNode = await client.ListAsync(KubernetesResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=n1" }, CancellationToken.None);
        var unsupported = await client.ListAsync(KubernetesResources.Pods, null, new ListOptions { FieldSelector = "spec.color=red" }, CancellationToken.None);

        Assert.Equal("pending", Assert.Single(pods.GetValueOrThrow().Items!).Metadata!.Name);
        Assert.Equal("bound", Assert.Single(onNode.GetValueOrThrow().Items!).Metadata!.Name);
        Assert.Equal(400, unsupported.Error!.Code);
    }

    [Fact]
    public async Task ListAll_OverPagesOf500_Returns1200DistinctObjectsAtTheFirstPagesVersion()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 1200; i++)
        {
            sim.SeedNode($"node-{i:D4}");
        }

        var versionBefore = sim.Store.ResourceVersion;
        var client = sim.Client();

        var all = await client.ListAllAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 500 }, CancellationToken.None);

        var snapshot = all.GetValueOrThrow();
        Assert.Equal(1200, snapshot.Items.Select(n => n.Metadata!.Name).Distinct().Count());
        Assert.Equal(versionBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.ResourceVersion);
    }

    [Fact]
    public async Task List_PagesWithContinue_AreConsistentWithTheFirstPageDespiteWritesBetween()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        for (var i = 0; i < 1200; i++)
        {
            sim.SeedNode($"node-{i:D4}");
        }

        var client = sim.Client();
        var first = (await client.ListAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 500 }, CancellationToken.None)).GetValueOrThrow();
        sim.DeleteNode("node-1100");
        sim.SeedNode("node-9999");
        var second = (await client.ListAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 500, Continue = first.Metadata!.Continue }, CancellationToken.None)).GetValueOrThrow();
        var third = (await client.ListAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 500, Continue = second.Metadata!.Continue }, CancellationToken.None)).GetValueOrThrow();

        Assert.Equal(500, first.Items!.Count);
        Assert.Equal(700, first.Metadata.RemainingItemCount);
        Assert.Equal(500, second.Items!.Count);
        Assert.Equal(200, third.Items!.Count);
        Assert.True(string.IsNullOrEmpty(third.Metadata?.Continue));
        var names = first.Items.Concat(second.Items).Concat(third.Items).Select(n => n.Metadata!.Name).ToList();
        Assert.Equal(1200, names.Distinct().Count());
        Assert.Contains("node-1100", names);
        Assert.DoesNotContain("node-9999", names);
    }

    [Fact]
    public async Task List_WithExpiredContinueToken_IsGone()
    {
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { ContinueTokenLifetime = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 20; i++)
        {
            sim.SeedNode($"node-{i:D2}");
        }

        var client = sim.Client();
        var first = (await client.ListAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 5 }, CancellationToken.None)).GetValueOrThrow();
        sim.Time.Advance(TimeSpan.FromMinutes(2));

        var next = await client.ListAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 5, Continue = first.Metadata!.Continue }, CancellationToken.None);

        Assert.True(next.Error!.IsGone);
    }

    private static void SetPhase(SimulatorHarness sim, string pod, string phase) =>
        SimulatorHarness.Check(sim.Store.Patch(ResourceKind.Pods, "default", pod, PatchType.Merge,
            new JsonObject { ["status"] = new JsonObject { ["phase"] = phase } }, statusSubresource: true));
}
