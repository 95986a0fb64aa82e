using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
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
    private FakeClockCluster _world = null!;
    private FakeTimeProvider _time = null!;
    private IKubernetesApiClient _client = null!;
    private IInformer<Node> _nodes = null!;
    private IInformer<Pod> _pods = null!;

    public async Task InitializeAsync()
    {
        _world = await FakeClockCluster.StartAsync();
        (_time, _client, _nodes, _pods) = (_world.Time, _world.Client, _world.Nodes, _world.Pods);
        await CreateNodeAsync();
        for (var i = 0; i < Pods; i++)
        {
            await _world.CreatePodAsync($"web-{i:00}");
        }

        await _world.RunAsync();
    }

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

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
}
