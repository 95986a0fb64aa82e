using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using FastScale.Simulation.Tests.Ecs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>The kubelet lifecycle on a fake clock: the test steps the clock and calls one sync at a time.</summary>
public sealed class KubeletSimulatorTests : IAsyncLifetime
{
    private KubeletTestWorld _world = null!;

    public async Task InitializeAsync() => _world = await KubeletTestWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Lifecycle_RegistersAfterBootAndRegistration_ThenReadyWithoutNotReadyTaint()
    {
        _world.Cloud.Set("i-1", "Running", group: "gpu");
        var wait = await _world.Kubelets.SyncAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(1), wait); // next poll; registration is due at 2 s
        Assert.Null(await NodeAsync("i-1"));

        await StepAsync(TimeSpan.FromSeconds(2));
        var registered = await NodeAsync("i-1");
        Assert.NotNull(registered);
        Assert.Equal("cn-hangzhou.i-1", registered.Spec!.ProviderId);
        Assert.Equal("gpu", registered.Metadata!.Labels!["accel"]);
        Assert.Equal("gpu", registered.Metadata.Labels["fastscale.io/node-group"]);
        Assert.Equal("i-1", registered.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("4", registered.Status!.Allocatable!["cpu"]);
        Assert.Equal("False", Ready(registered));
        Assert.Contains(registered.Spec.Taints!, t => t.Key == "node.kubernetes.io/not-ready" && t.Effect == "NoSchedule");
        Assert.Contains(registered.Spec.Taints!, t => t.Key == "dedicated" && t.Value == "gpu");

        await StepAsync(TimeSpan.FromSeconds(1));
        var ready = await NodeAsync("i-1");
        Assert.Equal("True", Ready(ready!));
        Assert.Equal(_world.Time.GetUtcNow(), ready!.Status!.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.DoesNotContain(ready.Spec!.Taints!, t => t.Key == "node.kubernetes.io/not-ready");
        Assert.Contains(ready.Spec.Taints!, t => t.Key == "dedicated");
        var info = _world.Kubelets.Find("i-1")!;
        Assert.Equal(SimulatedNodePhase.Ready, info.Phase);
        Assert.Equal(TimeSpan.FromSeconds(3), info.ReadyAt - info.RunningSeenAt);
    }

    [Fact]
    public async Task StoppedInstance_NodeBecomesUnknownAndUnreachable_ThenReadyAgainWhenStarted()
    {
        _world.Cloud.Set("i-2", "Running");
        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(2));
        await StepAsync(TimeSpan.FromSeconds(1));

        _world.Cloud.Set("i-2", "Stopped");
        await StepAsync(TimeSpan.FromSeconds(1));
        var stopped = await NodeAsync("i-2");
        Assert.Equal("Unknown", Ready(stopped!));
        Assert.Contains(stopped!.Spec!.Taints!, t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoSchedule");

        _world.Cloud.Set("i-2", "Running");
        await StepAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("Unknown", Ready((await NodeAsync("i-2"))!));
        await StepAsync(TimeSpan.FromSeconds(2)); // boot + readiness
        var again = await NodeAsync("i-2");
        Assert.Equal("True", Ready(again!));
        Assert.DoesNotContain(again!.Spec!.Taints ?? [], t => t.Key == "node.kubernetes.io/unreachable");
    }

    [Fact]
    public async Task ReleasedInstance_NodeDeleted()
    {
        _world.Cloud.Set("i-3", "Running");
        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(2));
        Assert.NotNull(await NodeAsync("i-3"));

        _world.Cloud.Remove("i-3");
        await StepAsync(TimeSpan.FromSeconds(1));

        Assert.Null(await NodeAsync("i-3"));
        Assert.Null(_world.Kubelets.Find("i-3"));
        Assert.Equal(1, _world.Kubelets.Counters.NodesDeleted);
    }

    [Fact]
    public async Task RestartedSimulator_AdoptsItsNodes_AndDeletesThoseOfReleasedInstances()
    {
        _world.Cloud.Set("i-4", "Running");
        _world.Cloud.Set("i-5", "Running");
        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(2));
        await StepAsync(TimeSpan.FromSeconds(1));
        _world.Cloud.Remove("i-5");

        var restarted = new KubeletSimulator(_world.Cloud, _world.Client, TestPolicy.Create(), TestProfiles.Fixed(), new KubeletSimulatorOptions(), _world.Time, NullLogger<KubeletSimulator>.Instance);
        await restarted.SyncAsync(default);

        Assert.Equal(SimulatedNodePhase.Ready, restarted.Find("i-4")!.Phase);
        Assert.Equal(0, restarted.Counters.NodesRegistered);
        Assert.Null(await NodeAsync("i-5"));
    }

    private async Task StepAsync(TimeSpan by)
    {
        _world.Time.Advance(by);
        await _world.Kubelets.SyncAsync(default);
    }

    private async Task<Node?> NodeAsync(string name)
    {
        var result = await _world.Client.GetAsync(KubernetesResources.Nodes, null, name, default);
        return result.IsSuccess ? result.Value : result.Error.IsNotFound ? null : throw new InvalidOperationException(result.Error.ToString());
    }

    private static string? Ready(Node node) => node.Status?.Conditions?.Single(c => c.Type == "Ready").Status;
}
