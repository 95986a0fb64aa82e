using System.Globalization;
using System.Text.Json;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Tests.TestSupport;
using FastScale.Simulation.Cluster;

namespace FastScale.Kubernetes.Tests.AgainstSimulator;

/// <summary>exec credential plugins that are small shell scripts, against a simulator that requires a token: each
/// run appends a line to a count file, so the tests count invocations.</summary>
public sealed class ExecPluginAgainstSimulatorTests : IDisposable
{
    private const string Script = """
        #!/bin/sh
        echo run >> "$COUNT_FILE"
        n=$(wc -l < "$COUNT_FILE" | tr -d ' ')
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_FILE"
        if [ -n "$FAIL" ]; then echo "$FAIL" >&2; exit 3; fi
        if [ -n "$HANG" ]; then sleep 30; fi
        if [ -n "$CREDENTIAL_FILE" ]; then cat "$CREDENTIAL_FILE"; exit 0; fi
        printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s-%s","expirationTimestamp":"%s"}}\n' "$1" "$2" "$n" "$EXPIRY"
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("fastscale-exec-").FullName;

    public ExecPluginAgainstSimulatorTests()
    {
        var script = Path.Combine(_folder, "bin", "plugin.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, Script.ReplaceLineEndings("\n") + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the test plugin is a shell script");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string CountFile => Path.Combine(_folder, "count");
    private string InfoFile => Path.Combine(_folder, "info.json");
    private int Runs => File.Exists(CountFile) ? File.ReadAllLines(CountFile).Length : 0;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(ExecPluginConfig.V1, "interactiveMode: Never")]
    [InlineData(ExecPluginConfig.V1Beta1, "")]
    public async Task Exec_ScriptPlugin_ItsTokenAuthenticatesAndItGetsClusterInfo(string apiVersion, string interactiveMode)
    {
        await using var sim = await Start("tok-1");
        var config = Load(sim, apiVersion, interactiveMode, expiry: sim.Time.GetUtcNow().AddMinutes(10));

        var result = await List(sim, config);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(("sa", 1), (sim.Server.Authenticator.Seen[^1].User, Runs));
        using var info = JsonDocument.Parse(await File.ReadAllTextAsync(InfoFile));
        Assert.Equal(apiVersion, info.RootElement.GetProperty("apiVersion").GetString());
        Assert.False(info.RootElement.GetProperty("spec").GetProperty("interactive").GetBoolean());
        Assert.Equal(sim.Server.Address.ToString(), info.RootElement.GetProperty("spec").GetProperty("cluster").GetProperty("server").GetString());
    }

    [Fact]
    public async Task Exec_TokenWithExpiry_PluginRunsAgainOnlyOnceExpired()
    {
        await using var sim = await Start("tok-1", "tok-2");
        var config = Load(sim, ExecPluginConfig.V1, "interactiveMode: Never", expiry: sim.Time.GetUtcNow().AddMinutes(10));
        await using var client = Client(sim, config);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30)).IsSuccess);
        }

        sim.Time.Advance(TimeSpan.FromMinutes(9));
        await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30);
        var runsBeforeExpiry = Runs;
        sim.Time.Advance(TimeSpan.FromMinutes(2));
        var afterExpiry = await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30);

        Assert.Equal(1, runsBeforeExpiry);
        Assert.True(afterExpiry.IsSuccess, afterExpiry.ToString());
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task Exec_ServerAnswers401_PluginRerunOnceAndRequestRepeated()
    {
        await using var sim = await Start("tok-1");
        var config = Load(sim, ExecPluginConfig.V1, "interactiveMode: IfAvailable", expiry: sim.Time.GetUtcNow().AddHours(1), userFields: "as: jane");
        await using var client = Client(sim, config);
        var first = await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30);

        sim.Server.Authenticator.RevokeToken("tok-1");
        sim.Server.Authenticator.AcceptToken("tok-2", "sa");
        var afterRevoke = await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30);
        var runsAfterRetry = Runs;
        sim.Server.Authenticator.RevokeToken("tok-2");
        var stillRejected = await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30);

        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(afterRevoke.IsSuccess, afterRevoke.ToString());
        Assert.Equal(2, runsAfterRetry);
        Assert.Equal("jane", sim.Server.Authenticator.Seen[^1].ImpersonateUser); // the last repeated request, impersonating once
        Assert.Equal(401, stillRejected.Error!.Code);
        Assert.Equal(3, Runs);
    }

    [Fact]
    public async Task Exec_PluginFails_RequestFailsNamingThePluginAndItsStderr()
    {
        await using var sim = await Start();
        var config = Load(sim, ExecPluginConfig.V1, "interactiveMode: Never", expiry: sim.Time.GetUtcNow(), extraEnv: "{name: FAIL, value: login required}");

        var result = await List(sim, config);

        Assert.Equal(StatusReasons.ConnectionFailed, result.Error!.Reason);
        Assert.Contains($"exec plugin {Path.Combine(_folder, "bin", "plugin.sh")} exited with code 3: login required", result.Error.Message);
        Assert.Empty(sim.Server.Authenticator.Seen);
    }

    [Fact]
    public async Task Exec_PluginHangs_KilledAtTheTimeoutOnTheInjectedClock()
    {
        await using var sim = await Start();
        var config = Load(sim, ExecPluginConfig.V1, "interactiveMode: Never", expiry: sim.Time.GetUtcNow(), extraEnv: "{name: HANG, value: \"1\"}");
        // The plugin's run counts against the request's timeout too; lengthen that one so the plugin's is seen.
        await using var client = KubernetesApiClientFactory.Create(config, new KubernetesClientOptions { Qps = 0, RequestTimeout = TimeSpan.FromMinutes(5) }, sim.Time);

        var listing = client.ListAsync(KubernetesResources.Nodes, null, null, default);
        await Poll.UntilAsync(() => Task.FromResult(Runs == 1), "plugin started", seconds: 30);
        sim.Time.Advance(config.Exec!.Timeout);
        var result = await listing.Within(30);

        Assert.Contains("did not finish within 60 s and was killed", result.Error!.Message);
    }

    [Fact]
    public async Task Exec_PluginAnswersAnotherApiVersion_IsRefused()
    {
        await using var sim = await Start("tok-1");
        var credential = Path.Combine(_folder, "credential.json");
        await File.WriteAllTextAsync(credential, """{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"tok-1"}}""");
        var config = Load(sim, ExecPluginConfig.V1, "interactiveMode: Never", expiry: sim.Time.GetUtcNow(), extraEnv: $"{{name: CREDENTIAL_FILE, value: {credential}}}");

        var result = await List(sim, config);

        Assert.Contains($"is configured for {ExecPluginConfig.V1} and returned apiVersion '{ExecPluginConfig.V1Beta1}'", result.Error!.Message);
        Assert.DoesNotContain("tok-1", result.Error.Message);
    }

    [Fact]
    public async Task Exec_ClientCertificateCredential_AuthenticatesOverTls()
    {
        using var server = new TestCertificates("kubernetes.internal");
        using var clients = new TestCertificates("plugin-user");
        await using var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions
        {
            Security = new() { ServerCertificate = server.LeafWithKey, ClientCertificateAuthority = clients.Authority, RequireAuthentication = true },
        });
        var credential = Path.Combine(_folder, "credential.json");
        await File.WriteAllTextAsync(credential, JsonSerializer.Serialize(new
        {
            apiVersion = ExecPluginConfig.V1,
            kind = "ExecCredential",
            status = new { clientCertificateData = clients.LeafPem, clientKeyData = clients.LeafKeyPem },
        }));
        var config = Load(sim, ExecPluginConfig.V1, "interactiveMode: Never", expiry: sim.Time.GetUtcNow(), extraEnv: $"{{name: CREDENTIAL_FILE, value: {credential}}}",
            cluster: $"certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(server.AuthorityPem))}\n    tls-server-name: kubernetes.internal");

        var result = await List(sim, config);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(("plugin-user", "certificate"), (sim.Server.Authenticator.Seen[^1].User, sim.Server.Authenticator.Seen[^1].Method));
    }

    private static async Task<SimulatorHarness> Start(params string[] tokens)
    {
        var security = new ClusterSimulatorSecurity { RequireAuthentication = true };
        foreach (var token in tokens)
        {
            security.Tokens[token] = "sa";
        }

        var sim = await SimulatorHarness.StartAsync(new ClusterSimulatorOptions { Security = security });
        sim.SeedNode("n1");
        return sim;
    }

    private static IKubernetesApiClient Client(SimulatorHarness sim, KubernetesClientConfig config) =>
        KubernetesApiClientFactory.Create(config, new KubernetesClientOptions { Qps = 0 }, sim.Time);

    private static async Task<KubernetesResult<FastScale.Kubernetes.Models.KubernetesList<FastScale.Kubernetes.Models.Node>>> List(SimulatorHarness sim, KubernetesClientConfig config)
    {
        await using var client = Client(sim, config);
        return await client.ListAsync(KubernetesResources.Nodes, null, null, default).Within(30);
    }

    /// <summary>The plugin is named relative to the kubeconfig (./bin/plugin.sh), as kubectl resolves it.</summary>
    private KubernetesClientConfig Load(SimulatorHarness sim, string apiVersion, string interactiveMode, DateTimeOffset expiry, string? extraEnv = null, string? cluster = null, string? userFields = null)
    {
        var path = Path.Combine(_folder, "config");
        var expiryText = expiry.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        File.WriteAllText(path, $"""
            current-context: sim
            clusters:
            - name: sim
              cluster:
                server: {sim.Server.Address}
                {cluster ?? ""}
            contexts: [{"{"}name: sim, context: {"{"}cluster: sim, user: plugin{"}"}{"}"}]
            users:
            - name: plugin
              user:
                {userFields ?? ""}
                exec:
                  apiVersion: {apiVersion}
                  command: ./bin/plugin.sh
                  args: [{apiVersion}, tok]
                  provideClusterInfo: true
                  {interactiveMode}
                  env:
                  - {"{"}name: COUNT_FILE, value: {CountFile}{"}"}
                  - {"{"}name: INFO_FILE, value: {InfoFile}{"}"}
                  - {"{"}name: EXPIRY, value: "{expiryText}"{"}"}
                  {(extraEnv is null ? "" : "- " + extraEnv)}
            """);
        var result = KubeconfigLoader.Load(path);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return result.Config!;
    }
}
