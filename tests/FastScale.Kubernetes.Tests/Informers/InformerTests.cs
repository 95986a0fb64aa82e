using System.Threading.Channels;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Informers;

public sealed class InformerTests : IAsyncLifetime
{
    private const string Nodes = "/api/v1/nodes";
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private FakeApiServer _server = null!;
    private IKubernetesApiClient _client = null!;
    private IInformer<Node> _informer = null!;
    private ChannelReader<InformerChange<Node>> _changes = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _client = _server.CreateClient(_time);
        _informer = InformerFactory.Create(_client, KubernetesResources.Nodes,
            new InformerOptions { PageSize = 2, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(8) },
            InformerIndexes.ForNodes, _time, new Random(7).NextDouble);
        _changes = _informer.Subscribe();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.Within();
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Run_ListsPagesThenWatchesFromListVersion_AndIndexesProviderId()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", "p2", Objects.Node("a", "8", "r.i-a"), Objects.Node("b", "9", "r.i-b")));
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null, Objects.Node("c", "10")));
        var watch = _server.OnWatch(Nodes);

        Start();
        await _informer.WaitForSyncAsync(default).Within();

        Assert.Contains("resourceVersion=10", await watch.Opened.Within());
        Assert.Contains("allowWatchBookmarks=true", await watch.Opened);
        Assert.True(_informer.HasSynced);
        Assert.Equal(3, _informer.Count);
        Assert.Equal("b", Assert.Single(_informer.GetByIndex(InformerIndexes.ProviderId, "r.i-b")).Metadata!.Name);

        watch.Send("MODIFIED", Objects.Node("b", "11", "r.i-b2"));
        await Expect(InformerChangeType.Added, "a", "8");
        await Expect(InformerChangeType.Added, "b", "9");
        await Expect(InformerChangeType.Added, "c", "10");
        await Expect(InformerChangeType.Updated, "b", "11");
        Assert.Empty(_informer.GetByIndex(InformerIndexes.ProviderId, "r.i-b"));
        Assert.Equal("b", Assert.Single(_informer.GetByIndex(InformerIndexes.ProviderId, "r.i-b2")).Metadata!.Name);
        Assert.Equal("11", _informer.Get("b")!.Metadata!.ResourceVersion);
    }

    [Fact]
    public async Task Run_WatchEnds_ResumesFromLastEventVersion_WithoutReplaying()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null, Objects.Node("a", "10")));
        var first = _server.OnWatch(Nodes);
        var second = _server.OnWatch(Nodes);

        Start();
        await first.Opened.Within();
        first.Send("ADDED", Objects.Node("b", "12")).Send("DELETED", Objects.Node("a", "13"));
        first.End();

        Assert.Contains("resourceVersion=13", await second.Opened.Within());

        // A server may repeat the last event on resume; the cache must not report it twice.
        second.Send("ADDED", Objects.Node("b", "12")).Send("MODIFIED", Objects.Node("b", "14"));
        await Expect(InformerChangeType.Added, "a", "10");
        await Expect(InformerChangeType.Added, "b", "12");
        await Expect(InformerChangeType.Deleted, "a", "13");
        await Expect(InformerChangeType.Updated, "b", "14");
        Assert.Equal(["b"], _informer.List().Select(n => n.Metadata!.Name));
        Assert.Single(_server.Requests, r => r.Query == "?limit=2");
    }

    [Fact]
    public async Task Run_Bookmark_MovesResumeVersionWithoutChanges()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null, Objects.Node("a", "10")));
        var first = _server.OnWatch(Nodes);
        var second = _server.OnWatch(Nodes);

        Start();
        await first.Opened.Within();
        first.Send("BOOKMARK", Objects.Bookmark("25"));
        first.End();

        Assert.Contains("resourceVersion=25", await second.Opened.Within());
        Assert.Equal("25", _informer.ResourceVersion);
        await Expect(InformerChangeType.Added, "a", "10");
        Assert.False(_changes.TryRead(out _));
        Assert.Equal(1, _informer.Count);
    }

    [Fact]
    public async Task Run_WatchErrorGone_RelistsAndEmitsOnlyWhatWasMissed()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null, Objects.Node("a", "5"), Objects.Node("b", "6"), Objects.Node("c", "7")));
        var first = _server.OnWatch(Nodes);

        // While the watch was broken: a changed (rv 20), b deleted, d added; c unchanged.
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("30", null, Objects.Node("a", "20"), Objects.Node("c", "7"), Objects.Node("d", "25")));
        var second = _server.OnWatch(Nodes);

        Start();
        await first.Opened.Within();
        first.Send("MODIFIED", Objects.Node("a", "20")).Send("ERROR", Objects.Status(410, "Expired", "too old resource version: 10 (15)"));

        Assert.Contains("resourceVersion=30", await second.Opened.Within());
        await Expect(InformerChangeType.Added, "a", "5");
        await Expect(InformerChangeType.Added, "b", "6");
        await Expect(InformerChangeType.Added, "c", "7");
        await Expect(InformerChangeType.Updated, "a", "20");
        await Expect(InformerChangeType.Deleted, "b", "6");
        await Expect(InformerChangeType.Added, "d", "25");
        Assert.False(_changes.TryRead(out _));
        Assert.Equal(["a", "c", "d"], _informer.List().Select(n => n.Metadata!.Name).Order());
    }

    [Fact]
    public async Task Run_WatchRefusedWithHttpGone_Relists()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null, Objects.Node("a", "10")));
        _server.On("GET", Nodes, c => FakeApiServer.WriteJsonAsync(c, 410, Objects.Status(410, "Gone")), watch: true);
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("40", null));
        var watch = _server.OnWatch(Nodes);

        Start();

        Assert.Contains("resourceVersion=40", await watch.Opened.Within());
        await Expect(InformerChangeType.Added, "a", "10");
        await Expect(InformerChangeType.Deleted, "a", "10");
        Assert.Equal(0, _informer.Count);
    }

    [Fact]
    public async Task Run_WatchFailsWithoutProgress_BacksOffOnTheInjectedClock()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null));
        _server.On("GET", Nodes, c => FakeApiServer.WriteJsonAsync(c, 500, Objects.Status(500, "InternalError")), watch: true);
        var watch = _server.OnWatch(Nodes);

        Start();
        await _informer.WaitForSyncAsync(default).Within();
        var waited = await _time.AdvanceUntilAsync(() => watch.Opened.IsCompleted, TimeSpan.FromMilliseconds(100));

        // The first wait is InitialBackoff with jitter in [1/2, 1].
        Assert.InRange(waited, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1100));
        Assert.Contains("resourceVersion=10", await watch.Opened);
    }

    [Fact]
    public async Task Subscribe_Late_ReplaysCacheOnce()
    {
        _server.OnJson("GET", Nodes, 200, Objects.NodeList("10", null, Objects.Node("a", "10")));
        var watch = _server.OnWatch(Nodes);
        Start();
        await watch.Opened.Within();

        var late = _informer.Subscribe();
        watch.Send("ADDED", Objects.Node("b", "11"));

        Assert.Equal("a", (await late.ReadAsync().AsTask().Within()).Object.Metadata!.Name);
        Assert.Equal("b", (await late.ReadAsync().AsTask().Within()).Object.Metadata!.Name);
    }

    private void Start() => _run = _informer.RunAsync(_stop.Token);

    private async Task Expect(InformerChangeType type, string name, string resourceVersion)
    {
        var change = await _changes.ReadAsync().AsTask().Within();
        Assert.Equal((type, name, resourceVersion), (change.Type, change.Object.Metadata!.Name!, change.Object.Metadata.ResourceVersion!));
    }
}
