using System.Threading.Channels;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>
/// The scheduler's reaction path on a fake clock: a pod added is marked Unschedulable by a cycle its watch event starts,
/// within the batching gap, never by the periodic fallback cycle (set to an hour here so it cannot be what fired).
/// </summary>
public sealed class SchedulerReactionTests : IAsyncLifetime
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(20);
    private FakeClockCluster _world = null!;
    private FakeTimeProvider _time = null!;
    private IInformer<Pod> _pods = null!;
    private SchedulerSimulator _scheduler = null!;

    public async Task InitializeAsync()
    {
        _world = await FakeClockCluster.StartAsync();
        (_time, _pods) = (_world.Time, _world.Pods);
        var options = new SchedulerSimulatorOptions { CycleInterval = TimeSpan.FromHours(1), MinCycleGap = TimeSpan.FromMilliseconds(50) };
        _scheduler = new SchedulerSimulator(_world.Client, _world.Nodes, _pods, options, _time, NullLogger<SchedulerSimulator>.Instance);
        await _world.RunAsync(_scheduler.RunAsync);
    }

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task PodAdded_MarkedUnschedulableByAWatchDrivenCycle_WithinTheBatchingGap()
    {
        var changes = _pods.Subscribe(replayExisting: false);
        var before = _time.GetUtcNow();
        await _world.CreatePodAsync("web-0");

        var advanced = await AdvanceUntilAsync(changes, "web-0");

        Assert.True(advanced <= TimeSpan.FromMilliseconds(100), $"marked only after {advanced.TotalMilliseconds} ms of emulated time");
        Assert.Equal(1, await UnschedulableUpdatesAsync(1));
        Assert.InRange(_scheduler.Counters.FirstUnschedulableAt!.Value, before, _time.GetUtcNow());
    }

    [Fact]
    public async Task BurstAfterAQuietSpell_EveryPodMarkedWithoutThePeriodicCycle()
    {
        var changes = _pods.Subscribe(replayExisting: false);
        await _world.CreatePodAsync("quiet");
        await AdvanceUntilAsync(changes, "quiet");
        _time.Advance(TimeSpan.FromMinutes(5));

        for (var i = 0; i < 20; i++)
        {
            await _world.CreatePodAsync($"burst-{i:D2}");
        }

        var advanced = await AdvanceUntilAsync(changes, [.. Enumerable.Range(0, 20).Select(i => $"burst-{i:D2}")]);

        Assert.True(advanced <= TimeSpan.FromMilliseconds(200), $"all marked only after {advanced.TotalMilliseconds} ms of emulated time");
        Assert.Equal(21, await UnschedulableUpdatesAsync(21));
    }

    /// <summary>
    /// The scheduler's count once it reaches <paramref name="expected"/> (or after a few real seconds): the watch event of
    /// an update can reach the test before the scheduler has read the update's own answer and counted it.
    /// </summary>
    private async Task<long> UnschedulableUpdatesAsync(long expected)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (_scheduler.Counters.UnschedulableUpdates < expected && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        return _scheduler.Counters.UnschedulableUpdates;
    }

    /// <summary>Steps the clock 5 ms at a time until every named pod shows Unschedulable; returns the emulated time it took.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(ChannelReader<InformerChange<Pod>> changes, params string[] names)
    {
        var waiting = names.ToHashSet(StringComparer.Ordinal);
        var advanced = TimeSpan.Zero;
        var started = TimeProvider.System.GetTimestamp();
        while (waiting.Count > 0)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < RealTimeLimit, $"still not unschedulable: {string.Join(", ", waiting)}");
            using var step = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
            try
            {
                while (await changes.WaitToReadAsync(step.Token))
                {
                    while (changes.TryRead(out var change))
                    {
                        if (IsUnschedulable(change.Object))
                        {
                            waiting.Remove(change.Object.Metadata!.Name!);
                        }
                    }

                    if (waiting.Count == 0)
                    {
                        return advanced;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Nothing more without the clock moving: step it.
            }

            _time.Advance(TimeSpan.FromMilliseconds(5));
            advanced += TimeSpan.FromMilliseconds(5);
        }

        return advanced;
    }

    private static bool IsUnschedulable(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") == true;
}
