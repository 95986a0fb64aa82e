using System.Text;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Tests.TestSupport;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

/// <summary>Each kubeconfig credential and transport setting against a simulator that requires authentication and
/// records what it saw: basic auth, token files, client certificates, impersonation, tls-server-name, proxy-url.</summary>
public sealed class KubeconfigCredentialsAgainstSimulatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastscale-kubeconfig-").FullName;
    private readonly TestCertificates _server = new("kubernetes.internal");
    private readonly TestCertificates _clients = new("fastscale-client");

    public void Dispose()
    {
        _server.Dispose();
        _clients.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task BasicAuth_RightPassword_IsServedAndWrongOneGets401()
    {
        await using var sim = await Start(new() { RequireAuthentication = true, Passwords = { ["alice"] = "s3cret" } });
        var good = Load(Kubeconfig(sim, "username: alice\n    password: s3cret"));
        var bad = Load(Kubeconfig(sim, "username: alice\n    password: wrong"));

        var served = await ListNodes(good, sim);
        var refused = await ListNodes(bad, sim);

        Assert.True(served.IsSuccess, served.ToString());
        Assert.Equal(401, refused.Error!.Code);
        Assert.Equal(("alice", "basic"), (sim.Server.Authenticator.Seen[0].User, sim.Server.Authenticator.Seen[0].Method));
    }

    [Fact]
    public async Task TokenFile_Rotated_NewTokenUsedAfterRefreshAndOldOneRevoked()
    {
        await using var sim = await Start(new() { RequireAuthentication = true, Tokens = { ["first"] = "sa" } });
        var tokenFile = Path.Combine(_folder, "token");
        await File.WriteAllTextAsync(tokenFile, "first\n");
        var config = Load(Kubeconfig(sim, "tokenFile: token"));
        await using var client = KubernetesApiClientFactory.Create(config, new KubernetesClientOptions { Qps = 0 }, sim.Time);

        var before = await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within();
        await File.WriteAllTextAsync(tokenFile, "second\n");
        sim.Server.Authenticator.AcceptToken("second", "sa");
        sim.Server.Authenticator.RevokeToken("first");
        sim.Time.Advance(config.TokenRefreshInterval);
        var after = await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within();

        Assert.True(before.IsSuccess, before.ToString());
        Assert.True(after.IsSuccess, after.ToString());
    }

    [Fact]
    public async Task ClientCertificate_FromKubeconfigFiles_AuthenticatesAsItsCommonName()
    {
        await using var sim = await Start(new() { RequireAuthentication = true, ClientCertificateAuthority = _clients.Authority });
        await File.WriteAllTextAsync(Path.Combine(_folder, "client.crt"), _clients.LeafPem);
        await File.WriteAllTextAsync(Path.Combine(_folder, "client.key"), _clients.LeafKeyPem);
        var config = Load(Kubeconfig(sim, "client-certificate: client.crt\n    client-key: client.key"));

        var result = await ListNodes(config, sim);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(("fastscale-client", "certificate"), (sim.Server.Authenticator.Seen[^1].User, sim.Server.Authenticator.Seen[^1].Method));
    }

    [Fact]
    public async Task Impersonation_AllFields_ReachTheServerAsImpersonateHeaders()
    {
        await using var sim = await Start(new() { RequireAuthentication = true, Tokens = { ["admin-token"] = "admin" } });
        var config = Load(Kubeconfig(sim, """
            token: admin-token
                as: jane
                as-uid: "1234"
                as-groups: [developers]
                as-user-extra:
                  scopes.example.com/project: [p1]
            """));

        var result = await ListNodes(config, sim);

        Assert.True(result.IsSuccess, result.ToString());
        var seen = sim.Server.Authenticator.Seen[^1];
        Assert.Equal(("admin", "jane", "1234"), (seen.User, seen.ImpersonateUser, seen.ImpersonateUid));
        Assert.Equal(["developers"], seen.ImpersonateGroups);
        Assert.Equal(["p1"], seen.ImpersonateExtra["scopes.example.com/project"]);
    }

    /// <summary>Why the loader refuses a second group: built by hand past it, two groups reach the server as one.</summary>
    [Fact]
    public async Task Impersonation_TwoGroupsPastTheLoader_ArriveAsOneJoinedGroup()
    {
        await using var sim = await Start(new() { Tokens = { ["admin-token"] = "admin" } });
        var loaded = Load(Kubeconfig(sim, "token: admin-token"));
        var config = new KubernetesClientConfig
        {
            Server = loaded.Server,
            CertificateAuthorities = loaded.CertificateAuthorities,
            TlsServerName = loaded.TlsServerName,
            Token = loaded.Token,
            Impersonate = new Impersonation("jane") { Groups = ["developers", "ops"] },
        };

        await ListNodes(config, sim);

        Assert.Equal(["developers, ops"], sim.Server.Authenticator.Seen[^1].ImpersonateGroups);
    }

    [Fact]
    public async Task TlsServerName_CertificateNamesIt_SentAsSniAndAccepted()
    {
        await using var sim = await Start(new() { Tokens = { ["t"] = "u" } });
        var config = Load(Kubeconfig(sim, "token: t"));

        var result = await ListNodes(config, sim);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Contains("kubernetes.internal", sim.Server.Authenticator.ServerNames);
    }

    [Fact]
    public async Task TlsServerName_Absent_CertificateForAnotherNameIsRejected()
    {
        await using var sim = await Start(new() { Tokens = { ["t"] = "u" } });
        var config = Load(Kubeconfig(sim, "token: t", tlsServerName: null));

        var result = await ListNodes(config, sim);

        Assert.Equal(StatusReasons.ConnectionFailed, result.Error!.Reason);
        Assert.Empty(sim.Server.Authenticator.Seen);
    }

    [Fact]
    public async Task ProxyUrl_HttpProxy_RequestsTunnelThroughIt()
    {
        await using var sim = await Start(new() { RequireAuthentication = true, Tokens = { ["t"] = "u" } });
        await using var proxy = new TinyProxy();
        var config = Load(Kubeconfig(sim, "token: t", proxyUrl: proxy.Address.ToString()));

        var result = await ListNodes(config, sim);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal($"CONNECT 127.0.0.1:{sim.Server.Address.Port} HTTP/1.1", Assert.Single(proxy.RequestLines));
    }

    [Fact]
    public async Task ProxyUrl_Socks5Proxy_RequestsTunnelThroughIt()
    {
        await using var sim = await Start(new() { RequireAuthentication = true, Tokens = { ["t"] = "u" } });
        await using var proxy = new TinyProxy();
        var config = Load(Kubeconfig(sim, "token: t", proxyUrl: $"socks5://127.0.0.1:{proxy.Address.Port}"));

        var result = await ListNodes(config, sim);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal($"SOCKS5 127.0.0.1:{sim.Server.Address.Port}", Assert.Single(proxy.RequestLines));
    }

    [Fact]
    public async Task ProxyUrl_NothingListening_RequestFailsInsteadOfGoingDirect()
    {
        await using var sim = await Start(new() { Tokens = { ["t"] = "u" } });
        var config = Load(Kubeconfig(sim, "token: t", proxyUrl: "http://127.0.0.1:9"));

        var result = await ListNodes(config, sim);

        Assert.Equal(StatusReasons.ConnectionFailed, result.Error!.Reason);
        Assert.Empty(sim.Server.Authenticator.Seen);
    }

    private async Task<SimulatorHarness> Start(ClusterSimulatorSecurity security)
    {
        security.ServerCertificate = _server.LeafWithKey;
        var harness = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { Security = security });
        harness.SeedNode("n1");
        return harness;
    }

    private static async Task<KubernetesResult<FastScale.Kubernetes.Models.KubernetesList<FastScale.Kubernetes.Models.Node>>> ListNodes(KubernetesClientConfig config, SimulatorHarness sim)
    {
        await using var client = KubernetesApiClientFactory.Create(config, new KubernetesClientOptions { Qps = 0 }, sim.Time);
        return await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within();
    }

    /// <summary>The server certificate names kubernetes.internal, not 127.0.0.1: tls-server-name is on unless a test drops it.</summary>
    private string Kubeconfig(SimulatorHarness sim, string user, string? tlsServerName = "kubernetes.internal", string? proxyUrl = null)
    {
        var cluster = new StringBuilder($"server: {sim.Server.Address}\n    certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(_server.AuthorityPem))}\n");
        if (tlsServerName is not null)
        {
            cluster.Append($"    tls-server-name: {tlsServerName}\n");
        }

        if (proxyUrl is not null)
        {
            cluster.Append($"    proxy-url: {proxyUrl}\n");
        }

        var path = Path.Combine(_folder, $"config-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: sim
            clusters:
            - name: sim
              cluster:
                {cluster.ToString().TrimEnd()}
            contexts:
            - name: sim
              context: {"{"}cluster: sim, user: u{"}"}
            users:
            - name: u
              user:
                {user}
            """);
        return path;
    }

    private static KubernetesClientConfig Load(string path)
    {
        var result = KubeconfigLoader.Load(path);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return result.Config!;
    }
}
