using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.TestSupport;
using FastScale.Simulation.Cluster;
using Microsoft.Extensions.Time.Testing;
using static FastScale.Kubernetes.Tests.AgainstSimulator.WatchAgainstSimulatorTests;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

public sealed class InformerAgainstSimulatorTests
{
    // Watches ask for exactly WatchTimeout (jitter 0), so a test ends one by advancing the shared clock that far.
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Informer_IndexesNodesByProviderId_AndFollowsChanges()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.SeedNode("n1", "cn-hangzhou.i-1");
        sim.SeedNode("n2", "cn-hangzhou.i-2");
        sim.SeedNode("bare");
        await using var run = await RunningInformer.StartAsync(sim);

        Assert.Equal("n1", Assert.Single(run.Informer.GetByIndex(InformerIndexes.ProviderId, "cn-hangzhou.i-1")).Metadata!.Name);
        SimulatorHarness.Check(sim.Store.Patch(ResourceKind.Nodes, null, "bare", PatchType.Merge, System.Text.Json.Nodes.JsonNode.Parse("""{"spec":{"providerID":"cn-hangzhou.i-3"}}""")!));
        sim.DeleteNode("n2");
        await WaitForAsync(() => run.Informer.Count == 2 && run.Informer.GetByIndex(InformerIndexes.ProviderId, "cn-hangzhou.i-3").Count == 1);

        Assert.Equal("bare", Assert.Single(run.Informer.GetByIndex(InformerIndexes.ProviderId, "cn-hangzhou.i-3")).Metadata!.Name);
        Assert.Empty(run.Informer.GetByIndex(InformerIndexes.ProviderId, "cn-hangzhou.i-2"));
    }

    [Fact]
    public async Task Informer_WatchExpiredWhileDisconnected_RelistsWithoutLosingOrDuplicatingAChange()
    {
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { EventHistorySize = 4, BookmarkInterval = TimeSpan.FromHours(1) });
        for (var i = 0; i < 5; i++)
        {
            sim.SeedNode($"n{i}");
        }

        var informerTime = new FakeTimeProvider(sim.Time.GetUtcNow());
        await using var run = await RunningInformer.StartAsync(sim, informerTime);
        sim.SeedNode("live"); // seen on the open watch
        await WaitForAsync(() => run.Informer.Count == 6);
        await DisconnectAsync(sim, run);

        // More changes than the history holds, while no watch is open: the resume from the old version gets 410.
        sim.LabelNode("n0", "changed", "yes");
        sim.DeleteNode("n1");
        sim.SeedNode("n5");
        sim.SeedNode("n6");
        sim.DeleteNode("n6");
        sim.LabelNode("live", "changed", "yes");
        var listsBefore = Lists(sim);
        // The informer retries the watch that closed at once after a back-off on its own clock. Step that clock until it
        // has relisted and watches again: a single step could land before the informer has even set its timer.
        await WaitForAsync(() =>
        {
            informerTime.Advance(TimeSpan.FromMilliseconds(200));
            return Lists(sim) > listsBefore && sim.Server.Counters.WatchersActive == 1;
        });

        var store = sim.Store.List(ResourceKind.Nodes).ToDictionary(n => (string)n["metadata"]!["name"]!, n => (string)n["metadata"]!["resourceVersion"]!);
        Assert.Equal(store, run.Informer.List().ToDictionary(n => n.Metadata!.Name!, n => n.Metadata!.ResourceVersion!));
        var changes = run.Drain();
        Assert.Equal(
            ["Added n0", "Added n1", "Added n2", "Added n3", "Added n4", "Added live", "Added n5", "Updated live", "Updated n0", "Deleted n1"],
            changes.Take(6).Concat(changes.Skip(6).OrderBy(c => c.Type).ThenBy(c => c.Object.Metadata!.Name, StringComparer.Ordinal)).Select(Describe));
    }

    [Fact]
    public async Task Informer_Bookmarks_AdvanceResumeVersion_SoAQuietResumeNeedsNoRelist()
    {
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { EventHistorySize = 4, BookmarkInterval = TimeSpan.FromSeconds(10) });
        sim.SeedNode("n0");
        await using var run = await RunningInformer.StartAsync(sim);
        var listVersion = run.Informer.ResourceVersion;
        for (var i = 0; i < 10; i++)
        {
            sim.SeedPod("default", $"p{i}"); // other kinds move the store's version past the node history
        }

        sim.Time.Advance(TimeSpan.FromSeconds(10));
        await WaitForAsync(() => run.Informer.ResourceVersion == Version(sim));
        var listsBefore = Lists(sim);
        var watchesBefore = sim.Server.Counters.WatchesStarted;
        sim.Time.Advance(WatchTimeout); // the watch ends; it delivered a bookmark, so the informer resumes at once
        await WaitForAsync(() => sim.Server.Counters.WatchesStarted > watchesBefore && sim.Server.Counters.WatchersActive == 1);
        sim.SeedNode("n1");
        await WaitForAsync(() => run.Informer.Count == 2);

        Assert.NotEqual(listVersion, Version(sim));
        Assert.Equal(listsBefore, Lists(sim));
        Assert.Equal(["Added n0", "Added n1"], run.Drain().Select(Describe));
    }

    [Fact]
    public async Task Informer_QuietWatchEndsByItsTimeout_ResumesAtOnceAndStillSeesTheNextChange()
    {
        // No bookmarks within the watch timeout: each watch ends normally having delivered nothing.
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { BookmarkInterval = TimeSpan.FromHours(1) });
        await using var run = await RunningInformer.StartAsync(sim);

        for (var quiet = 0; quiet < 3; quiet++)
        {
            var watches = sim.Server.Counters.WatchesStarted;
            sim.Time.Advance(WatchTimeout);

            // No further clock movement: a healthy watch that simply timed out is resumed without a backoff.
            await WaitForAsync(() => sim.Server.Counters.WatchesStarted > watches && sim.Server.Counters.WatchersActive == 1);
        }

        sim.SeedNode("n1");
        await WaitForAsync(() => run.Informer.Count == 1);
        Assert.Equal(["Added n1"], run.Drain().Select(Describe));
    }

    /// <summary>Ends the open watch from the simulator's side. On the informer's own clock no time has passed, so to it
    /// the watch closed at once with nothing to show: it backs off, and stays disconnected until its clock moves.</summary>
    private static async Task DisconnectAsync(SimulatorHarness sim, RunningInformer run)
    {
        // The watch that delivered "live" resumes at once: end that one too, so the last one is quiet.
        var watches = sim.Server.Counters.WatchesStarted;
        sim.Time.Advance(WatchTimeout);
        await WaitForAsync(() => sim.Server.Counters.WatchesStarted > watches && sim.Server.Counters.WatchersActive == 1);
        sim.Time.Advance(WatchTimeout);
        await WaitForAsync(() => sim.Server.Counters.WatchersActive == 0);
        Assert.True(run.Informer.HasSynced);
    }

    private static long Lists(SimulatorHarness sim) => sim.Server.Counters.Requests - sim.Server.Counters.WatchesStarted;

    private static string Describe(InformerChange<Node> change) => $"{change.Type} {change.Object.Metadata!.Name}";

    internal sealed class RunningInformer : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;
        private readonly ChannelReader<InformerChange<Node>> _changes;

        private RunningInformer(IInformer<Node> informer)
        {
            Informer = informer;
            _changes = informer.Subscribe();
            _run = informer.RunAsync(_stop.Token);
        }

        public IInformer<Node> Informer { get; }

        /// <param name="informerTime">The informer's and its client's clock; the simulator's by default.</param>
        public static async Task<RunningInformer> StartAsync(SimulatorHarness sim, FakeTimeProvider? informerTime = null)
        {
            var informer = InformerFactory.Create(
                sim.Client(clientTime: informerTime),
                KubernetesResources.Nodes,
                new InformerOptions { WatchTimeout = WatchTimeout, PageSize = 2 },
                InformerIndexes.ForNodes,
                informerTime ?? sim.Time,
                random: () => 0);
            var run = new RunningInformer(informer);
            await informer.WaitForSyncAsync(CancellationToken.None).Within();
            await WaitForAsync(() => sim.Server.Counters.WatchersActive == 1);
            return run;
        }

        public List<InformerChange<Node>> Drain()
        {
            var changes = new List<InformerChange<Node>>();
            while (_changes.TryRead(out var change))
            {
                changes.Add(change);
            }

            return changes;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.Within();
            _stop.Dispose();
        }
    }
}
