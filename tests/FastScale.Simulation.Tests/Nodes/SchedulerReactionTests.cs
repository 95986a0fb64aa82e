using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Simulation.Cluster;
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
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();
    private ClusterSimulatorServer _cluster = null!;
    private IKubernetesApiClient _client = null!;
    private IInformer<Pod> _pods = null!;
    private SchedulerSimulator _scheduler = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulatorServer.StartAsync(new ClusterSimulatorOptions(), _time);
        _client = KubernetesApiClientFactory.Create(KubernetesClientConfig.ForServer(_cluster.Address), new KubernetesClientOptions { Qps = 0 }, _time);
        var nodes = InformerFactory.Create(_client, KubernetesResources.Nodes, null, InformerIndexes.ForNodes, _time);
        _pods = InformerFactory.Create(_client, KubernetesResources.Pods, null, InformerIndexes.ForPods, _time);
        var options = new SchedulerSimulatorOptions { CycleInterval = TimeSpan.FromHours(1), MinCycleGap = TimeSpan.FromMilliseconds(50) };
        _scheduler = new SchedulerSimulator(_client, nodes, _pods, options, _time, NullLogger<SchedulerSimulator>.Instance);
        _running = Task.WhenAll(nodes.RunAsync(_stop.Token), _pods.RunAsync(_stop.Token), _scheduler.RunAsync(_stop.Token));
        await nodes.WaitForSyncAsync(CancellationToken.None);
        await _pods.WaitForSyncAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task PodAdded_MarkedUnschedulableByAWatchDrivenCycle_WithinTheBatchingGap()
    {
        var changes = _pods.Subscribe(replayExisting: false);
        var before = _time.GetUtcNow();
        await CreatePodAsync("web-0");

        var advanced = await AdvanceUntilAsync(changes, "web-0");

        Assert.True(advanced <= TimeSpan.FromMilliseconds(100), $"marked only after {advanced.TotalMilliseconds} ms of emulated time");
        Assert.Equal(1, await UnschedulableUpdatesAsync(1));
        Assert.InRange(_scheduler.Counters.FirstUnschedulableAt!.Value, before, _time.GetUtcNow());
    }

    [Fact]
    public async Task BurstAfterAQuietSpell_EveryPodMarkedWithoutThePeriodicCycle()
    {
        var changes = _pods.Subscribe(replayExisting: false);
        await CreatePodAsync("quiet");
        await AdvanceUntilAsync(changes, "quiet");
        _time.Advance(TimeSpan.FromMinutes(5));

        for (var i = 0; i < 20; i++)
        {
            await CreatePodAsync($"burst-{i:D2}");
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

    private async Task CreatePodAsync(string name) =>
        (await _client.CreateAsync(KubernetesResources.Pods, new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "pause", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = "1" } } }] },
            Status = new PodStatus { Phase = "Pending" },
        }, default)).GetValueOrThrow();

    private static bool IsUnschedulable(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") == true;
}
