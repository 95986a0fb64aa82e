using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Kubernetes.Tests.Config;

public sealed class BearerTokenSourceTests : IDisposable
{
    private readonly string _tokenFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(_tokenFile);

    [Fact]
    public async Task Requests_TokenFileRotates_NewTokenUsedAfterRefreshInterval()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnJson("GET", "/api/v1/nodes/n", 200, Objects.Node("n", "1"), once: false);
        var time = new FakeTimeProvider();
        File.WriteAllText(_tokenFile, "first\n");
        var config = new KubernetesClientConfig { Server = server.BaseAddress, TokenFile = _tokenFile, TokenRefreshInterval = TimeSpan.FromMinutes(1) };
        await using var client = KubernetesApiClientFactory.Create(config, new KubernetesClientOptions { Qps = 0 }, time);

        await client.GetAsync(KubernetesResources.Nodes, null, "n", default);
        File.WriteAllText(_tokenFile, "second");
        await client.GetAsync(KubernetesResources.Nodes, null, "n", default);
        time.Advance(TimeSpan.FromMinutes(1));
        File.Delete(_tokenFile); // a rename in progress: keep the last good token
        await client.GetAsync(KubernetesResources.Nodes, null, "n", default);
        File.WriteAllText(_tokenFile, "second");
        time.Advance(TimeSpan.FromMinutes(1));
        await client.GetAsync(KubernetesResources.Nodes, null, "n", default);

        Assert.Equal(["Bearer first", "Bearer first", "Bearer first", "Bearer second"], server.Requests.Select(r => r.Authorization));
    }
}
