using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Ecs.Instances;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// Kubelets that follow the emulator's own per-instance samples (<see cref="KubeletSimulatorOptions.LaunchSamples"/>):
/// the delays count from when the emulator had the instance Running, not from when a poll saw it, and a restarted
/// kubelet whose Node is still there only reports Ready.
/// </summary>
public sealed class KubeletLaunchSampleTests : IAsyncLifetime
{
    private readonly Dictionary<string, InstanceLatency> _samples = new(StringComparer.Ordinal);
    private KubeletTestWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await KubeletTestWorld.StartAsync(new KubeletSimulatorOptions { LaunchSamples = id => _samples.GetValueOrDefault(id) });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Create_RegistersAndTurnsReadyOnTheEmulatorsSamples_CountedFromItsRunningAt()
    {
        var now = _world.Time.GetUtcNow();
        // Running 2 s before the kubelet's poll sees it; boot 2 s, registration 3 s, readiness 4 s.
        _samples["i-1"] = Sample(LaunchKind.Create, runningAt: now - TimeSpan.FromSeconds(2));
        _world.Cloud.Set("i-1", "Running");
        await _world.Kubelets.SyncAsync(default);

        await StepAsync(TimeSpan.FromMilliseconds(2900));
        Assert.Null(await NodeAsync("i-1"));
        await StepAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal("False", Ready((await NodeAsync("i-1"))!));

        await StepAsync(TimeSpan.FromMilliseconds(3900));
        Assert.Equal("False", Ready((await NodeAsync("i-1"))!));
        await StepAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal("True", Ready((await NodeAsync("i-1"))!));
        Assert.Equal(now + TimeSpan.FromSeconds(7), _world.Kubelets.Find("i-1")!.ReadyAt);
    }

    [Fact]
    public async Task StartWithItsNodeStillThere_SkipsRegistration_ReadyAfterBootAndReadiness()
    {
        var now = _world.Time.GetUtcNow();
        _samples["i-2"] = Sample(LaunchKind.Create, runningAt: now);
        _world.Cloud.Set("i-2", "Running");
        await _world.Kubelets.SyncAsync(default);
        await StepAsync(TimeSpan.FromSeconds(5));
        await StepAsync(TimeSpan.FromSeconds(4));
        Assert.Equal("True", Ready((await NodeAsync("i-2"))!));
        _world.Cloud.Set("i-2", "Stopped");
        await StepAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("Unknown", Ready((await NodeAsync("i-2"))!));

        var started = _world.Time.GetUtcNow();
        _samples["i-2"] = Sample(LaunchKind.Start, runningAt: started);
        _world.Cloud.Set("i-2", "Running");
        await StepAsync(TimeSpan.FromSeconds(1));
        await StepAsync(TimeSpan.FromMilliseconds(4900));
        Assert.Equal("Unknown", Ready((await NodeAsync("i-2"))!));
        await StepAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal("True", Ready((await NodeAsync("i-2"))!));
        Assert.Equal(started + TimeSpan.FromSeconds(6), _world.Kubelets.Find("i-2")!.ReadyAt);
        Assert.Equal(1, _world.Kubelets.Counters.NodesRegistered);
    }

    [Fact]
    public async Task InstanceTheEmulatorDoesNotKnow_KubeletDrawsItsOwnDelays()
    {
        _world.Cloud.Set("i-3", "Running");
        await _world.Kubelets.SyncAsync(default);

        // The test profile's own phases: boot 1 s + registration 1 s from when the poll saw it.
        await StepAsync(TimeSpan.FromSeconds(2));

        Assert.NotNull(await NodeAsync("i-3"));
    }

    private static InstanceLatency Sample(LaunchKind kind, DateTimeOffset runningAt) => new(
        kind, "general", runningAt - TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.FromSeconds(3),
        Boot: TimeSpan.FromSeconds(2), Registration: TimeSpan.FromSeconds(3), Readiness: TimeSpan.FromSeconds(4));

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
