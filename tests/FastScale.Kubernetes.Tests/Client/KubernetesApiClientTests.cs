using System.Text.Json;
using System.Text;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Models;
using FastScale.Kubernetes.Tests.TestSupport;

namespace FastScale.Kubernetes.Tests.Client;

public sealed class KubernetesApiClientTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private IKubernetesApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Get_ClusterScopedNode_UsesCorePathAndBearerToken()
    {
        _server.OnJson("GET", "/api/v1/nodes/n1", 200, Objects.Node("n1", "7", "cn-hangzhou.i-abc"));

        var result = await _client.GetAsync(KubernetesResources.Nodes, null, "n1", default);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("cn-hangzhou.i-abc", result.Value!.Spec!.ProviderId);
        Assert.Equal("7", result.Value.Metadata!.ResourceVersion);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer test-token", request.Authorization);
        Assert.StartsWith("fastscale", request.UserAgent);
    }

    [Fact]
    public async Task ListPods_AllNamespacesWithSelectors_EscapesQuery()
    {
        _server.OnJson("GET", "/api/v1/pods", 200, """{"metadata":{"resourceVersion":"3"},"items":[]}""");

        await _client.ListAsync(KubernetesResources.Pods, null, new ListOptions
        {
            LabelSelector = "app=web,tier!=cache",
            FieldSelector = "spec.nodeName=,status.phase!=Succeeded",
            Limit = 50,
        }, default);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("?labelSelector=app%3Dweb%2Ctier%21%3Dcache&fieldSelector=spec.nodeName%3D%2Cstatus.phase%21%3DSucceeded&limit=50", request.Query);
    }

    [Fact]
    public async Task Get_NamespacedLease_UsesGroupPath()
    {
        _server.OnJson("GET", "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/fastscale", 200,
            """{"metadata":{"name":"fastscale","namespace":"kube-system","resourceVersion":"1"},"spec":{"holderIdentity":"a","renewTime":"2025-01-02T03:04:05.123456Z"}}""");

        var result = await _client.GetAsync(KubernetesResources.Leases, "kube-system", "fastscale", default);

        Assert.Equal("a", result.GetValueOrThrow().Spec!.HolderIdentity);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560), result.Value!.Spec!.RenewTime);
    }

    [Fact]
    public void ItemPath_NamespacedKindWithoutNamespace_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => KubernetesResources.Pods.ItemPath(null, "p"));
        Assert.Equal("/api/v1/namespaces/default/events", KubernetesResources.Events.CollectionPath("default"));
    }

    [Theory]
    [InlineData(404, "NotFound")]
    [InlineData(409, "AlreadyExists")]
    [InlineData(409, "Conflict")]
    [InlineData(410, "Expired")]
    [InlineData(422, "Invalid")]
    public async Task Get_StatusBody_BecomesTypedError(int code, string reason)
    {
        _server.OnStatus("GET", "/api/v1/nodes/n1", code, reason, "node \\\"n1\\\" says no");

        var result = await _client.GetAsync(KubernetesResources.Nodes, null, "n1", default);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(reason, result.Error.Reason);
        Assert.Equal("node \"n1\" says no", result.Error.Message);
        Assert.Equal(code == 404, result.Error.IsNotFound);
        Assert.Equal(reason == "Conflict", result.Error.IsConflict);
        Assert.Equal(reason == "AlreadyExists", result.Error.IsAlreadyExists);
        Assert.Equal(code == 410, result.Error.IsGone);
        Assert.Equal(code == 422, result.Error.IsInvalid);
    }

    [Fact]
    public async Task Get_NonStatusErrorBody_KeepsCodeAndText()
    {
        _server.OnJson("GET", "/api/v1/nodes/n1", 503, "upstream unavailable");

        var result = await _client.GetAsync(KubernetesResources.Nodes, null, "n1", default);

        Assert.Equal(503, result.Error!.Code);
        Assert.Equal(StatusReasons.ServiceUnavailable, result.Error.Reason);
        Assert.Equal("upstream unavailable", result.Error.Message);
        Assert.True(result.Error.IsTransient);
        Assert.Throws<KubernetesApiException>(() => result.GetValueOrThrow());
    }

    [Fact]
    public async Task Get_ServerGone_IsConnectionFailedValue()
    {
        var address = _server.BaseAddress;
        await _server.DisposeAsync();
        await using var client = KubernetesApiClientFactory.Create(Kubernetes.Config.KubernetesClientConfig.ForServer(address), new KubernetesClientOptions { Qps = 0 });

        var result = await client.GetAsync(KubernetesResources.Nodes, null, "n1", default);

        Assert.Equal(0, result.Error!.Code);
        Assert.Equal(StatusReasons.ConnectionFailed, result.Error.Reason);
        _server = await FakeApiServer.StartAsync();
    }

    [Fact]
    public async Task ListAll_FollowsContinue_AndReturnsFirstPageVersion()
    {
        _server.OnJson("GET", "/api/v1/nodes", 200, Objects.NodeList("100", "page2", Objects.Node("a", "90"), Objects.Node("b", "91")));
        _server.OnJson("GET", "/api/v1/nodes", 200, Objects.NodeList("100", "page3", Objects.Node("c", "92")));
        _server.OnJson("GET", "/api/v1/nodes", 200, Objects.NodeList("100", null, Objects.Node("d", "93")));

        var result = await _client.ListAllAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 2, LabelSelector = "pool=a" }, default);

        var snapshot = result.GetValueOrThrow();
        Assert.Equal(["a", "b", "c", "d"], snapshot.Items.Select(n => n.Metadata!.Name));
        Assert.Equal("100", snapshot.ResourceVersion);
        Assert.Equal(
            ["?labelSelector=pool%3Da&limit=2", "?labelSelector=pool%3Da&limit=2&continue=page2", "?labelSelector=pool%3Da&limit=2&continue=page3"],
            _server.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task List_BodyCutOffMidway_IsConnectionFailedValue()
    {
        // Read from the stream now, a connection lost mid-body surfaces as an IOException, not inside SendAsync.
        var page = Encoding.UTF8.GetBytes(Objects.NodeList("100", null, Objects.Node("a", "90"), Objects.Node("b", "91")));
        _server.On("GET", "/api/v1/nodes", async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = page.Length;
            await context.Response.Body.WriteAsync(page.AsMemory(0, page.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });

        var result = await _client.ListAsync(KubernetesResources.Nodes, null, null, default);

        Assert.Equal(StatusReasons.ConnectionFailed, result.Error!.Reason);
        Assert.True(result.Error.IsTransient);
    }

    [Fact]
    public async Task List_TruncatedJson_IsMalformedResponseValue()
    {
        var page = Objects.NodeList("100", null, Objects.Node("a", "90"));
        _server.OnJson("GET", "/api/v1/nodes", 200, page[..(page.Length / 2)]);

        var result = await _client.ListAsync(KubernetesResources.Nodes, null, null, default);

        Assert.Equal(StatusReasons.MalformedResponse, result.Error!.Reason);
        Assert.Equal(200, result.Error.Code);
    }

    [Fact]
    public async Task ListAll_ContinueExpired_ReturnsGone()
    {
        _server.OnJson("GET", "/api/v1/nodes", 200, Objects.NodeList("100", "page2", Objects.Node("a", "90")));
        _server.OnStatus("GET", "/api/v1/nodes", 410, "Expired", "The provided continue parameter is too old");

        var result = await _client.ListAllAsync(KubernetesResources.Nodes, null, new ListOptions { Limit = 1 }, default);

        Assert.True(result.Error!.IsGone);
    }

    [Fact]
    public async Task Create_PostsToNamespaceFromMetadata_WithoutNulls()
    {
        _server.OnJson("POST", "/api/v1/namespaces/default/pods", 201, """{"metadata":{"name":"p","namespace":"default","uid":"u1","resourceVersion":"5"}}""");

        var created = await _client.CreateAsync(KubernetesResources.Pods, new Pod { Metadata = new ObjectMeta { Name = "p", Namespace = "default" } }, default);

        Assert.Equal("u1", created.GetValueOrThrow().Metadata!.Uid);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"}}""", request.Body);
        Assert.Equal("application/json", request.ContentType);
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_SurfacesConflict()
    {
        _server.OnStatus("PUT", "/api/v1/nodes/n1", 409, "Conflict", "the object has been modified");

        var result = await _client.ReplaceAsync(KubernetesResources.Nodes, new Node { Metadata = new ObjectMeta { Name = "n1", ResourceVersion = "4" } }, default);

        Assert.True(result.Error!.IsConflict);
        Assert.Contains("\"resourceVersion\":\"4\"", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public async Task Patch_Status_UsesMergePatchOnSubresource()
    {
        _server.OnJson("PATCH", "/api/v1/nodes/n1/status", 200, Objects.Node("n1", "8"));
        var patch = """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""";

        var result = await _client.PatchAsync(KubernetesResources.Nodes, null, "n1", Encoding.UTF8.GetBytes(patch), PatchTarget.Status, default);

        Assert.True(result.IsSuccess);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("application/merge-patch+json", request.ContentType);
        Assert.Equal(patch, request.Body);
    }

    [Fact]
    public async Task Delete_WithPreconditions_SendsDeleteOptions()
    {
        _server.OnJson("DELETE", "/api/v1/namespaces/ns/pods/p", 200, """{"kind":"Status","status":"Success"}""");

        var result = await _client.DeleteAsync(KubernetesResources.Pods, "ns", "p",
            new DeleteOptions { Preconditions = new Preconditions { Uid = "u1", ResourceVersion = "9" } }, notFoundIsSuccess: false, default);

        Assert.Equal(DeleteOutcome.Deleted, result.GetValueOrThrow());
        Assert.Equal("""{"apiVersion":"v1","kind":"DeleteOptions","preconditions":{"uid":"u1","resourceVersion":"9"}}""", Assert.Single(_server.Requests).Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delete_NotFound_IsSuccessOnlyWhenAsked(bool notFoundIsSuccess)
    {
        _server.OnStatus("DELETE", "/api/v1/nodes/n1", 404, "NotFound");

        var result = await _client.DeleteAsync(KubernetesResources.Nodes, null, "n1", null, notFoundIsSuccess, default);

        Assert.Equal(notFoundIsSuccess, result.IsSuccess);
        if (notFoundIsSuccess)
        {
            Assert.Equal(DeleteOutcome.AlreadyGone, result.Value);
        }
    }

    [Fact]
    public async Task Watch_SendsResumeQuery_AndStreamsEvents()
    {
        var watch = _server.OnWatch("/api/v1/namespaces/default/pods");
        watch.Send("ADDED", """{"metadata":{"name":"p","namespace":"default","resourceVersion":"11"}}""")
            .Send("BOOKMARK", """{"metadata":{"resourceVersion":"12"}}""")
            .Send("ERROR", Objects.Status(410, "Expired", "too old resource version"));
        watch.End();

        var events = new List<WatchEvent<Pod>>();
        await foreach (var item in _client.WatchAsync(KubernetesResources.Pods, "default", new WatchOptions { ResourceVersion = "10", TimeoutSeconds = 300, FieldSelector = "spec.nodeName=n1" }, default))
        {
            events.Add(item);
        }

        Assert.Equal("?watch=true&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=300&fieldSelector=spec.nodeName%3Dn1", await watch.Opened);
        Assert.Equal([WatchEventType.Added, WatchEventType.Bookmark, WatchEventType.Error], events.Select(e => e.Type));
        Assert.Equal("12", events[1].Object!.Metadata!.ResourceVersion);
        Assert.Equal(410, events[2].Error!.Code);
    }

    [Fact]
    public async Task Watch_HttpGone_ArrivesAsErrorEvent()
    {
        _server.On("GET", "/api/v1/nodes", c => FakeApiServer.WriteJsonAsync(c, 410, Objects.Status(410, "Gone", "too old")), watch: true);

        var events = new List<WatchEvent<Node>>();
        await foreach (var item in _client.WatchAsync(KubernetesResources.Nodes, null, new WatchOptions { ResourceVersion = "1" }, default))
        {
            events.Add(item);
        }

        var single = Assert.Single(events);
        Assert.Equal(WatchEventType.Error, single.Type);
        Assert.Equal(410, single.Error!.Code);
        Assert.Equal("Gone", single.Error.Reason);
    }

    [Fact]
    public async Task Bind_PostsBindingToTheSubresource()
    {
        _server.OnJson("POST", "/api/v1/namespaces/ns1/pods/p1/binding", 201, """{"kind":"Status","apiVersion":"v1","status":"Success","code":201}""");

        var result = await _client.BindAsync("ns1", "p1", "node-a", default);

        Assert.True(result.IsSuccess, result.ToString());
        var request = Assert.Single(_server.Requests);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("Binding", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("p1", body.RootElement.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("Node", body.RootElement.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal("node-a", body.RootElement.GetProperty("target").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bind_AlreadyBound_IsConflictValue()
    {
        _server.OnStatus("POST", "/api/v1/namespaces/ns1/pods/p1/binding", 409, "Conflict", "pod p1 is already assigned to node node-b");

        var result = await _client.BindAsync("ns1", "p1", "node-a", default);

        Assert.True(result.Error!.IsConflict);
    }
}
