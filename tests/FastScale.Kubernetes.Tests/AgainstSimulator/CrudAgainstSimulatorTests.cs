using System.Text;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class CrudAgainstSimulatorTests
{
    private static readonly KubernetesResource<Node> Nodes = KubernetesResources.Nodes;

    [Fact]
    public async Task Create_ThenGet_ReturnsServerStampedObject()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();

        var created = await client.CreateAsync(Nodes, NewNode("n1", "cn-hangzhou.i-1"), CancellationToken.None);
        var read = await client.GetAsync(Nodes, null, "n1", CancellationToken.None);

        Assert.True(created.IsSuccess, created.ToString());
        Assert.True(read.IsSuccess, read.ToString());
        Assert.False(string.IsNullOrEmpty(read.Value!.Metadata!.Uid));
        Assert.Equal(sim.Time.GetUtcNow(), read.Value.Metadata.CreationTimestamp);
        Assert.Equal(created.Value!.Metadata!.ResourceVersion, read.Value.Metadata.ResourceVersion);
        Assert.Equal("cn-hangzhou.i-1", read.Value.Spec!.ProviderId);
    }

    [Fact]
    public async Task Create_Duplicate_IsAlreadyExists409()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        await client.CreateAsync(Nodes, NewNode("n1"), CancellationToken.None);

        var again = await client.CreateAsync(Nodes, NewNode("n1"), CancellationToken.None);

        Assert.False(again.IsSuccess);
        Assert.Equal(409, again.Error.Code);
        Assert.True(again.Error.IsAlreadyExists);
        Assert.False(again.Error.IsConflict);
    }

    [Fact]
    public async Task Get_Missing_IsNotFoundWithStatus()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var read = await sim.Client().GetAsync(Nodes, null, "nope", CancellationToken.None);

        Assert.False(read.IsSuccess);
        Assert.True(read.Error.IsNotFound);
        Assert.Equal("Failure", read.Error.Status?.Outcome);
        Assert.Contains("nope", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_IsConflict()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        var original = (await client.CreateAsync(Nodes, NewNode("n1"), CancellationToken.None)).GetValueOrThrow();
        var first = await client.ReplaceAsync(Nodes, original with { Spec = new NodeSpec { Unschedulable = true } }, CancellationToken.None);

        var stale = await client.ReplaceAsync(Nodes, original with { Spec = new NodeSpec { ProviderId = "late" } }, CancellationToken.None);

        Assert.True(first.IsSuccess, first.ToString());
        Assert.NotEqual(original.Metadata!.ResourceVersion, first.Value!.Metadata!.ResourceVersion);
        Assert.False(stale.IsSuccess);
        Assert.True(stale.Error.IsConflict);
        Assert.Equal(409, stale.Error.Code);
        Assert.True((await client.GetAsync(Nodes, null, "n1", CancellationToken.None)).GetValueOrThrow().Spec!.Unschedulable);
    }

    [Fact]
    public async Task MergePatch_OfObjectAndOfStatus_EachWritesOnlyItsPart()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        await client.CreateAsync(Nodes, NewNode("n1"), CancellationToken.None);

        var labelled = await client.PatchAsync(Nodes, null, "n1", Json("""{"metadata":{"labels":{"pool":"a"}},"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""), PatchTarget.Object, CancellationToken.None);
        var ready = await client.PatchAsync(Nodes, null, "n1", Json("""{"spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"}]}}"""), PatchTarget.Status, CancellationToken.None);

        Assert.True(labelled.IsSuccess, labelled.ToString());
        Assert.Equal("a", labelled.Value!.Metadata!.Labels!["pool"]);
        Assert.Null(labelled.Value.Status?.Conditions); // the main resource never writes status
        Assert.True(ready.IsSuccess, ready.ToString());
        var node = (await client.GetAsync(Nodes, null, "n1", CancellationToken.None)).GetValueOrThrow();
        Assert.Equal("KubeletReady", Assert.Single(node.Status!.Conditions!).Reason);
        Assert.Null(node.Spec?.Unschedulable); // the status subresource never writes spec
        Assert.Equal("a", node.Metadata!.Labels!["pool"]);
    }

    [Fact]
    public async Task MergePatch_OfPodStatus_UpdatesPhase()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        sim.SeedPod("default", "p1");

        var patched = await client.PatchAsync(KubernetesResources.Pods, "default", "p1", Json("""{"status":{"phase":"Running"}}"""), PatchTarget.Status, CancellationToken.None);

        Assert.True(patched.IsSuccess, patched.ToString());
        Assert.Equal("Running", patched.Value!.Status!.Phase);
    }

    [Fact]
    public async Task Delete_ThenDeleteAgain_IsDeletedThenAlreadyGoneOr404()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        await client.CreateAsync(Nodes, NewNode("n1"), CancellationToken.None);

        var deleted = await client.DeleteAsync(Nodes, null, "n1", null, notFoundIsSuccess: true, CancellationToken.None);
        var again = await client.DeleteAsync(Nodes, null, "n1", null, notFoundIsSuccess: true, CancellationToken.None);
        var strict = await client.DeleteAsync(Nodes, null, "n1", null, notFoundIsSuccess: false, CancellationToken.None);

        Assert.Equal(DeleteOutcome.Deleted, deleted.GetValueOrThrow());
        Assert.Equal(DeleteOutcome.AlreadyGone, again.GetValueOrThrow());
        Assert.True(strict.Error!.IsNotFound);
        Assert.Equal(0, sim.Store.Count(Simulation.Cluster.ResourceKind.Nodes));
    }

    [Fact]
    public async Task Delete_PodWithStaleResourceVersionPrecondition_IsConflict()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        sim.SeedPod("default", "p1");

        var refused = await client.DeleteAsync(KubernetesResources.Pods, "default", "p1", new DeleteOptions { Preconditions = new Preconditions { ResourceVersion = "999" } }, notFoundIsSuccess: true, CancellationToken.None);
        var pod = (await client.GetAsync(KubernetesResources.Pods, "default", "p1", CancellationToken.None)).GetValueOrThrow();
        var accepted = await client.DeleteAsync(KubernetesResources.Pods, "default", "p1", new DeleteOptions { Preconditions = new Preconditions { Uid = pod.Metadata!.Uid } }, notFoundIsSuccess: false, CancellationToken.None);

        Assert.True(refused.Error!.IsConflict);
        Assert.Equal(DeleteOutcome.Deleted, accepted.GetValueOrThrow());
    }

    internal static Node NewNode(string name, string? providerId = null, IReadOnlyDictionary<string, string>? labels = null) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = labels }, Spec = new NodeSpec { ProviderId = providerId } };

    private static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);
}
