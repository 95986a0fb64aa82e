using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Tests.Ecs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>Node Leases and status heartbeats on a fake clock, against the in-process API simulator.</summary>
public sealed class KubeletHeartbeatTests : IAsyncLifetime
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private KubeletTestWorld _world = null!;

    public async Task InitializeAsync() => _world = await KubeletTestWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Registration_CreatesLeaseOwnedByTheNode()
    {
        _world.Cloud.Set("i-1", "Running");
        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(2));

        var node = await GetAsync(KubernetesResources.Nodes, null, "i-1");
        var lease = await LeaseAsync("i-1");
        Assert.NotNull(lease);
        Assert.Equal("i-1", lease.Spec!.HolderIdentity);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(_world.Time.GetUtcNow(), lease.Spec.RenewTime);
        var owner = Assert.Single(lease.Metadata!.OwnerReferences!);
        Assert.Equal(("v1", "Node", "i-1"), (owner.ApiVersion, owner.Kind, owner.Name));
        Assert.Equal(node!.Metadata!.Uid, owner.Uid);
        Assert.False(string.IsNullOrEmpty(owner.Uid));
        Assert.Equal(1, _world.Kubelets.Counters.LeasesCreated);
    }

    [Fact]
    public async Task ReadyNode_LeaseRenewTimeAdvancesWithTheClock()
    {
        await ReadyAsync("i-1");
        var first = (await LeaseAsync("i-1"))!.Spec!.RenewTime!.Value;

        for (var i = 0; i < 30; i++)
        {
            await StepAsync(Second);
            var renewed = (await LeaseAsync("i-1"))!.Spec!.RenewTime!.Value;
            Assert.True(_world.Time.GetUtcNow() - renewed <= TimeSpan.FromSeconds(10), $"lease {_world.Time.GetUtcNow() - renewed} old at {i} s");
        }

        Assert.True((await LeaseAsync("i-1"))!.Spec!.RenewTime > first + TimeSpan.FromSeconds(19));
        Assert.InRange(_world.Kubelets.Counters.LeaseRenewals, 3, 4);
    }

    [Fact]
    public async Task ReadyNode_StatusHeartbeatRefreshesLastHeartbeatTime_KeepsTransitionTime()
    {
        await ReadyAsync("i-1");
        var readyAt = _world.Time.GetUtcNow();

        for (var i = 0; i < 61; i++)
        {
            await StepAsync(Second);
        }

        var ready = (await GetAsync(KubernetesResources.Nodes, null, "i-1"))!.Status!.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal("True", ready.Status);
        Assert.Equal(readyAt, ready.LastTransitionTime);
        Assert.True(ready.LastHeartbeatTime > readyAt, $"heartbeat {ready.LastHeartbeatTime} not after {readyAt}");
        Assert.Equal(1, _world.Kubelets.Counters.StatusHeartbeats);
    }

    [Fact]
    public async Task StoppedInstance_LeaseStopsRenewing()
    {
        await ReadyAsync("i-2");
        _world.Cloud.Set("i-2", "Stopped");
        await StepAsync(Second);
        var atStop = (await LeaseAsync("i-2"))!.Spec!.RenewTime;
        var renewals = _world.Kubelets.Counters.LeaseRenewals;

        for (var i = 0; i < 60; i++)
        {
            await StepAsync(Second);
        }

        Assert.Equal(atStop, (await LeaseAsync("i-2"))!.Spec!.RenewTime);
        Assert.Equal(renewals, _world.Kubelets.Counters.LeaseRenewals);
        Assert.Equal(0, _world.Kubelets.Counters.StatusHeartbeats);

        _world.Cloud.Set("i-2", "Running");
        await StepAsync(Second);
        await StepAsync(TimeSpan.FromSeconds(2)); // boot + readiness: the Lease is fresh again
        Assert.Equal(_world.Time.GetUtcNow(), (await LeaseAsync("i-2"))!.Spec!.RenewTime);
    }

    [Fact]
    public async Task ReleasedInstance_LeaseDeleted()
    {
        await ReadyAsync("i-3");
        _world.Cloud.Remove("i-3");
        await StepAsync(Second);

        Assert.Null(await LeaseAsync("i-3"));
        Assert.Null(await GetAsync(KubernetesResources.Nodes, null, "i-3"));
        Assert.Equal(1, _world.Kubelets.Counters.LeasesDeleted);
    }

    [Fact]
    public async Task LeaseDeletedOrChangedByOthers_RecreatedOrReReadAndRenewed()
    {
        await ReadyAsync("i-4");
        await _world.Client.DeleteAsync(KubernetesResources.Leases, "kube-node-lease", "i-4", null, notFoundIsSuccess: false, default);
        await StepAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(_world.Time.GetUtcNow(), (await LeaseAsync("i-4"))?.Spec?.RenewTime);
        Assert.Equal(2, _world.Kubelets.Counters.LeasesCreated);

        // Someone else writes it: our resourceVersion is stale, so the renewal conflicts, reads and writes once more.
        var current = (await LeaseAsync("i-4"))!;
        (await _world.Client.ReplaceAsync(KubernetesResources.Leases, current with { Spec = current.Spec! with { LeaseTransitions = 1 } }, default)).GetValueOrThrow();
        var failures = _world.Kubelets.Counters.ApiFailures;
        await StepAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(_world.Time.GetUtcNow(), (await LeaseAsync("i-4"))?.Spec?.RenewTime);
        Assert.Equal(failures, _world.Kubelets.Counters.ApiFailures);
    }

    [Fact]
    public async Task ManyNodes_RenewalsSpreadAcrossTheInterval()
    {
        for (var i = 0; i < 100; i++)
        {
            _world.Cloud.Set($"i-{i:000}", "Running");
        }

        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(2));
        await StepAsync(Second);
        Assert.Equal(100, _world.Kubelets.Counters.NodesReady);

        var perSecond = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var before = _world.Kubelets.Counters.LeaseRenewals;
            await StepAsync(Second);
            perSecond.Add(_world.Kubelets.Counters.LeaseRenewals - before);
        }

        // 100 nodes at 10 s: about 10 a second, every node renewed twice in 20 s, never a burst of them all.
        Assert.InRange(perSecond.Sum(), 190, 210);
        Assert.All(perSecond, n => Assert.InRange(n, 1, 25));
    }

    [Fact]
    public void Options_RenewIntervalNotShorterThanLeaseDuration_IsReported()
    {
        var problems = new KubeletSimulatorOptions
        {
            NodeLeaseRenewInterval = TimeSpan.FromSeconds(40),
            NodeStatusUpdateInterval = TimeSpan.Zero,
        }.Validate();

        Assert.Contains(problems, p => p.Contains("NodeLeaseRenewInterval", StringComparison.Ordinal) && p.Contains("shorter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NodeStatusUpdateInterval", StringComparison.Ordinal));
    }

    /// <summary>Registered at +2 s, Ready at +3 s (the fixed profile).</summary>
    private async Task ReadyAsync(string id)
    {
        _world.Cloud.Set(id, "Running");
        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(2));
        await StepAsync(Second);
        Assert.Equal(SimulatedNodePhase.Ready, _world.Kubelets.Find(id)!.Phase);
    }

    private async Task StepAsync(TimeSpan by)
    {
        _world.Time.Advance(by);
        await _world.Kubelets.SyncAsync(default);
    }

    private Task<Lease?> LeaseAsync(string name) => GetAsync(KubernetesResources.Leases, "kube-node-lease", name);

    private async Task<T?> GetAsync<T>(KubernetesResource<T> resource, string? ns, string name)
        where T : class, IKubernetesObject
    {
        var result = await _world.Client.GetAsync(resource, ns, name, default);
        return result.IsSuccess ? result.Value : result.Error.IsNotFound ? null : throw new InvalidOperationException(result.Error.ToString());
    }
}
