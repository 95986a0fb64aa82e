using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Adapters.Nodes;

/// <summary>The guard against the cluster simulator, through our client: what it patches is what a real API server gets.</summary>
public sealed class WarmNodeGuardTests : IAsyncLifetime
{
    private readonly HashSet<string> _warm = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _client = null!;
    private IInformer<Node> _nodes = null!;
    private Task _informer = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions { Listen = "127.0.0.1:0" });
        _client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 });
        _nodes = InformerFactory.Create(_client, KubernetesResources.Nodes, null, InformerIndexes.ForNodes, TimeProvider.System);
        _informer = _nodes.RunAsync(_stop.Token);
        await _nodes.WaitForSyncAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _informer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private WarmNodeGuard Guard(TimeProvider? time = null) => new(
        _nodes,
        node => { lock (_warm) { return _warm.Contains(node.ProviderId!); } },
        _client,
        time ?? TimeProvider.System,
        NullLogger<WarmNodeGuard>.Instance);

    /// <summary>Waits (on events, not on a clock) until the informer's copy of the node satisfies <paramref name="done"/>.</summary>
    private async Task<Node> SeenAsync(string name, Func<Node, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var changes = _nodes.Subscribe(replayExisting: true);
        await foreach (var change in changes.ReadAllAsync(timeout.Token))
        {
            if (change.Object.Metadata?.Name == name && change.Type != InformerChangeType.Deleted && done(change.Object))
            {
                return change.Object;
            }
        }

        throw new InvalidOperationException("the informer stopped");
    }

    private void SetWarm(string providerId, bool warm)
    {
        lock (_warm)
        {
            _ = warm ? _warm.Add(providerId) : _warm.Remove(providerId);
        }
    }

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
        SetWarm("cn-hangzhou.i-warm", warm: true);
        await SeenAsync("i-warm", _ => true);
        await SeenAsync("i-busy", _ => true);

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
        SetWarm("cn-hangzhou.i-1", warm: true);
        await SeenAsync("i-1", _ => true);
        var guard = Guard();
        await guard.SweepOnceAsync(CancellationToken.None);
        await SeenAsync("i-1", n => n.Spec?.Unschedulable == true);

        SetWarm("cn-hangzhou.i-1", warm: false);

        Assert.Equal(1, await guard.SweepOnceAsync(CancellationToken.None));
        var spec = await SpecOfAsync("i-1");
        Assert.False(spec.Unschedulable);
        Assert.Empty(spec.Taints ?? []);
        await SeenAsync("i-1", n => n.Spec?.Unschedulable != true);
        Assert.Equal(0, await guard.SweepOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NodeCordonedBySomeoneElse_IsNeverOpened()
    {
        await CreateNodeAsync("i-2");
        await _client.PatchAsync(KubernetesResources.Nodes, null, "i-2", """{"spec":{"unschedulable":true}}"""u8.ToArray(), PatchTarget.Object, CancellationToken.None);
        await SeenAsync("i-2", n => n.Spec?.Unschedulable == true);

        Assert.Equal(0, await Guard().SweepOnceAsync(CancellationToken.None));
        Assert.True((await SpecOfAsync("i-2")).Unschedulable);
    }

    [Fact]
    public async Task TakenInstance_NodeOpenedOnItsNextChange_WithoutWaitingForASweep()
    {
        await CreateNodeAsync("i-3");
        SetWarm("cn-hangzhou.i-3", warm: true);
        var time = new FakeTimeProvider();
        var guard = Guard(time);
        using var stop = new CancellationTokenSource();
        var running = guard.RunAsync(_nodes.Subscribe(replayExisting: true), stop.Token);

        // Closed on the informer's replay of the node, with the fake clock (and so the sweep) never moving.
        await SeenAsync("i-3", n => n.Spec?.Unschedulable == true);

        // A scale-out takes the instance; its kubelet's next write (here a label) is a change, and the guard opens it.
        SetWarm("cn-hangzhou.i-3", warm: false);
        await _client.PatchAsync(KubernetesResources.Nodes, null, "i-3", """{"metadata":{"labels":{"ready":"true"}}}"""u8.ToArray(), PatchTarget.Object, CancellationToken.None);
        var opened = await SeenAsync("i-3", n => n.Spec?.Unschedulable != true);

        Assert.DoesNotContain(opened.Spec?.Taints ?? [], t => t.Key == WarmNodeGuard.TaintKey);
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }
}
