using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>The scheduler's own QPS/burst budget for its writes, on a fake clock: 30 pending pods and one Ready node
/// with room for all; a recorder between the scheduler and the client sees when each bind left.</summary>
public sealed class SchedulerPacingTests : IAsyncLifetime
{
    private const int Pods = 30;
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _client = null!;
    private IInformer<Node> _nodes = null!;
    private IInformer<Pod> _pods = null!;
    private Task _informers = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), _time);
        _client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 }, _time);
        await CreateNodeAsync();
        for (var i = 0; i < Pods; i++)
        {
            await CreatePodAsync($"web-{i:00}");
        }

        _nodes = InformerFactory.Create(_client, KubernetesResources.Nodes, null, InformerIndexes.ForNodes, _time);
        _pods = InformerFactory.Create(_client, KubernetesResources.Pods, null, InformerIndexes.ForPods, _time);
        _informers = Task.WhenAll(_nodes.RunAsync(_stop.Token), _pods.RunAsync(_stop.Token));
        await _nodes.WaitForSyncAsync(CancellationToken.None);
        await _pods.WaitForSyncAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _informers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Qps_CapsBindsPerSecond_AndEveryPodIsStillBound()
    {
        var (scheduler, recorder) = Scheduler(new SchedulerSimulatorOptions { Qps = 5, Burst = 3 });

        await CycleAsync(scheduler);

        var binds = recorder.Sent.Where(r => r.Verb == "BIND").Select(r => r.At).ToList();
        Assert.Equal(Pods, binds.Count);
        Assert.Equal(Pods, scheduler.Counters.PodsBound);
        PacingAssert.WithinBudget(binds, 5, 3, "scheduler");
        Assert.True(binds.Max() - binds.Min() >= TimeSpan.FromSeconds((Pods - 3) / 5.0), $"30 binds in {(binds.Max() - binds.Min()).TotalSeconds} s");
        Assert.Equal(Pods, scheduler.Counters.ApiRequests);
    }

    [Fact]
    public async Task DefaultOptions_Unpaced_EveryBindWithoutTheClockMoving()
    {
        var (scheduler, recorder) = Scheduler(new SchedulerSimulatorOptions());

        await scheduler.RunCycleAsync(CancellationToken.None).WaitAsync(RealTimeLimit);

        var binds = recorder.Sent.Where(r => r.Verb == "BIND").ToList();
        Assert.Equal(Pods, binds.Count);
        Assert.Single(binds.Select(b => b.At).Distinct());
    }

    [Fact]
    public void Options_DefaultUnpacedWithKubeSchedulersBurst_BadPairsReportedWithTheRest()
    {
        var defaults = new SchedulerSimulatorOptions();
        Assert.Equal((0d, 100), (defaults.Qps, defaults.Burst));
        Assert.Empty(defaults.Validate());

        var problems = new SchedulerSimulatorOptions { Qps = double.NaN, Parallelism = 0 }.Validate();
        Assert.Contains(problems, p => p.Contains("Qps", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Parallelism", StringComparison.Ordinal));
        var noBurst = new SchedulerSimulatorOptions { Qps = 50, Burst = 0 };
        Assert.Contains(noBurst.Validate(), p => p.Contains("Burst", StringComparison.Ordinal));
        var refused = Assert.Throws<ArgumentException>(() => new SchedulerSimulator(_client, _nodes, _pods, noBurst, _time, NullLogger<SchedulerSimulator>.Instance));
        Assert.Contains("Burst", refused.Message, StringComparison.Ordinal);
    }

    private (SchedulerSimulator Scheduler, RecordingKubernetesClient Recorder) Scheduler(SchedulerSimulatorOptions options)
    {
        var recorder = new RecordingKubernetesClient(_client, _time);
        return (new SchedulerSimulator(recorder, _nodes, _pods, options, _time, NullLogger<SchedulerSimulator>.Instance), recorder);
    }

    /// <summary>One cycle, with the fake clock moving 10 ms at a time: paced binds wait on it.</summary>
    private async Task CycleAsync(SchedulerSimulator scheduler)
    {
        var cycle = scheduler.RunCycleAsync(CancellationToken.None);
        var started = TimeProvider.System.GetTimestamp();
        while (!cycle.IsCompleted)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, "the cycle did not finish");
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }

        await cycle;
    }

    private async Task CreateNodeAsync() =>
        (await _client.CreateAsync(KubernetesResources.Nodes, new Node
        {
            Metadata = new ObjectMeta { Name = "big" },
            Status = new NodeStatus
            {
                Allocatable = new Dictionary<string, string> { ["cpu"] = "64", ["memory"] = "256Gi", ["pods"] = "110" },
                Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
            },
        }, default)).GetValueOrThrow();

    private async Task CreatePodAsync(string name) =>
        (await _client.CreateAsync(KubernetesResources.Pods, new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "pause", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = "1" } } }] },
            Status = new PodStatus { Phase = "Pending" },
        }, default)).GetValueOrThrow();
}
