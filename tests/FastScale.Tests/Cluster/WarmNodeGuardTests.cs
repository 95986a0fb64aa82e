using FastScale.Cluster;
using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Tests.Cluster;

/// <summary>The guard against the cluster simulator, through our client: what it patches is what a real API server gets.</summary>
public sealed class WarmNodeGuardTests : IAsyncLifetime
{
    private readonly HashSet<string> _warm = new(StringComparer.Ordinal);
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

    private WarmNodeGuard Guard() => new(
        () => _client.ListAllAsync(KubernetesResources.Nodes, null, null, CancellationToken.None).GetAwaiter().GetResult().Value!.Items,
        node => _warm.Contains(node.ProviderId!),
        _client,
        TimeProvider.System,
        NullLogger<WarmNodeGuard>.Instance);

    private async Task CreateNodeAsync(string name, params Taint[] taints) =>
        Assert.True((await _client.CreateAsync(KubernetesResources.Nodes, new Node
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new NodeSpec { ProviderId = $"cn-hangzhou.{name}", Taints = taints },
        }, CancellationToken.None)).IsSuccess);

    private async Task<NodeSpec> SpecOfAsync(string name) =>
        (await _client.GetAsync(KubernetesResources.Nodes, null, name, CancellationToken.None)).Value!.Spec!;

    [Fact]
    public async Task WarmInstanceNode_IsCordonedAndTainted_KeepingItsOtherTaints()
    {
        await CreateNodeAsync("i-warm", new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoSchedule" });
        await CreateNodeAsync("i-busy");
        _warm.Add("cn-hangzhou.i-warm");

        Assert.Equal(1, await Guard().SweepOnceAsync(CancellationToken.None));

        var warm = await SpecOfAsync("i-warm");
        Assert.True(warm.Unschedulable);
        Assert.Equal(["node.kubernetes.io/unreachable", WarmNodeGuard.TaintKey], warm.Taints!.Select(t => t.Key));
        var busy = await SpecOfAsync("i-busy");
        Assert.NotEqual(true, busy.Unschedulable);
        Assert.Empty(busy.Taints ?? []);
    }

    [Fact]
    public async Task TakenByAScaleOut_IsOpenedAgain_AndASecondSweepChangesNothing()
    {
        await CreateNodeAsync("i-1");
        _warm.Add("cn-hangzhou.i-1");
        var guard = Guard();
        await guard.SweepOnceAsync(CancellationToken.None);

        _warm.Clear();

        Assert.Equal(1, await guard.SweepOnceAsync(CancellationToken.None));
        var spec = await SpecOfAsync("i-1");
        Assert.False(spec.Unschedulable);
        Assert.Empty(spec.Taints ?? []);
        Assert.Equal(0, await guard.SweepOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NodeCordonedBySomeoneElse_IsNeverOpened()
    {
        await CreateNodeAsync("i-2");
        await _client.PatchAsync(KubernetesResources.Nodes, null, "i-2", """{"spec":{"unschedulable":true}}"""u8.ToArray(), PatchTarget.Object, CancellationToken.None);

        Assert.Equal(0, await Guard().SweepOnceAsync(CancellationToken.None));
        Assert.True((await SpecOfAsync("i-2")).Unschedulable);
    }
}
