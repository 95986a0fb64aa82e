using System.Text.Json;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Tests.TestSupport;

namespace FastScale.Kubernetes.Tests.Client;

public sealed class BindTests : IAsyncLifetime
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
