using FastScale.Kubernetes.Config;

namespace FastScale.Kubernetes.Tests.Config;

/// <summary>Every refusal: one line, naming the file and the field, for each kubeconfig FastScale cannot honour.</summary>
public sealed class KubeconfigRefusalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-refusal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("{auth-provider: {name: gcp, config: {access-token: x}}}", "user 'u': auth-provider plugins were removed from kubectl (1.26) and are not supported")]
    [InlineData("{token: t, username: a, password: b}", "user 'u': more than one authentication method found: token and username/password; only one is allowed")]
    [InlineData("{tokenFile: t, exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}}", "user 'u': exec together with token, tokenFile or username/password")]
    [InlineData("{password: b}", "user 'u': password is set without username")]
    [InlineData("{token: t, as-groups: [g]}", "user 'u': as-uid, as-groups or as-user-extra without as")]
    [InlineData("{token: t, as: jane, as-groups: [a, b]}", "user 'u': as-groups has 2 groups, and .NET's HTTP client joins repeated headers into one line")]
    [InlineData("{token: t, as: jane, as-user-extra: {scopes: [a, b]}}", "user 'u': as-user-extra 'scopes' has 2 values, and .NET's HTTP client joins repeated headers into one line")]
    [InlineData("{token: t, bogus: 1}", "unknown field 'bogus' in users[].user")]
    [InlineData("{exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, shell: sh}}", "unknown field 'shell' in users[].user.exec")]
    [InlineData("{exec: {apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}}", "user 'u': exec: command must be set")]
    [InlineData("{exec: {command: x, interactiveMode: Never}}", "user 'u': exec: apiVersion must be set")]
    [InlineData("{exec: {command: x, apiVersion: client.authentication.k8s.io/v1alpha1, interactiveMode: Never}}", "user 'u': exec: apiVersion client.authentication.k8s.io/v1alpha1 was removed in Kubernetes 1.24")]
    [InlineData("{exec: {command: x, apiVersion: example.com/v9, interactiveMode: Never}}", "user 'u': exec: apiVersion 'example.com/v9' is not supported")]
    [InlineData("{exec: {command: x, apiVersion: client.authentication.k8s.io/v1}}", "user 'u': exec: interactiveMode must be set for client.authentication.k8s.io/v1")]
    [InlineData("{exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Always}}", "user 'u': exec: interactiveMode Always needs a terminal on stdin")]
    [InlineData("{exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Sometimes}}", "user 'u': exec: interactiveMode 'Sometimes' is not Never, IfAvailable or Always")]
    [InlineData("{exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, env: [{value: v}]}}", "user 'u': exec: an env entry has no name")]
    [InlineData("{client-certificate: a.crt, client-certificate-data: YQ==, client-key-data: YQ==}", "user 'u': client-certificate and client-certificate-data are both set; keep one")]
    [InlineData("{client-key-data: YQ==}", "user 'u' has a client key but no client-certificate or client-certificate-data")]
    public void Load_UnsupportedUser_RefusedWithOneLineNamingFileAndField(string user, string expected)
    {
        var path = Write($"clusters: [{{name: k, cluster: {{server: \"https://k:6443\"}}}}]\nusers: [{{name: u, user: {user}}}]");

        var result = KubeconfigLoader.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"kubeconfig {path}", error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("{server: \"https://k:6443\", insecure-skip-tls-verify: true, certificate-authority-data: YQ==}", "cluster 'k': insecure-skip-tls-verify together with certificate-authority is refused, as kubectl refuses it")]
    [InlineData("{server: \"http://k:8080\", tls-server-name: k.internal}", "cluster 'k': tls-server-name needs an https server")]
    [InlineData("{server: \"https://k:6443\", proxy-url: \"ftp://p:21\"}", "cluster 'k': proxy-url 'ftp://p:21' is not an http://, https:// or socks5:// URL")]
    [InlineData("{server: \"https://k:6443\", certificate-authority: ca.crt, certificate-authority-data: YQ==}", "cluster 'k': certificate-authority and certificate-authority-data are both set")]
    [InlineData("{server: \"ftp://k\"}", "cluster 'k': server 'ftp://k' is not an http(s) URL")]
    [InlineData("{server: \"https://k:6443\", compress: true}", "unknown field 'compress' in clusters[].cluster")]
    public void Load_UnsupportedCluster_RefusedWithOneLineNamingFileAndField(string cluster, string expected)
    {
        var path = Write($"clusters: [{{name: k, cluster: {cluster}}}]\nusers: [{{name: u, user: {{token: t}}}}]");

        var result = KubeconfigLoader.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"kubeconfig {path}", error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("users: [{name: u, user: {token: a}}, {name: u, user: {token: b}}]", "users has two entries named 'u'")]
    [InlineData("users: [{user: {token: a}}]", "an entry in users has no name")]
    [InlineData("colors: true", "unknown field 'colors' in the top level")]
    public void Load_MalformedFile_RefusedNamingTheSection(string yaml, string expected)
    {
        var path = Write(yaml);

        var result = KubeconfigLoader.Load(path, "c");

        Assert.Contains(result.Errors, e => e.StartsWith($"kubeconfig {path}", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadPathList_NoFileExists_SaysWhichWereTried()
    {
        var missing = Path.Combine(_directory, "missing");

        var result = KubeconfigLoader.LoadPathList($"{missing}{Path.PathSeparator}{missing}-too");

        Assert.Equal($"kubeconfig: none of {missing}, {missing}-too exists", Assert.Single(result.Errors));
    }

    [Fact]
    public void Load_ExtensionsAndPreferences_AreAcceptedAsKubectlWritesThem()
    {
        var path = Write("""
            apiVersion: v1
            kind: Config
            current-context: c
            preferences: {}
            extensions: [{name: e, extension: {a: 1}}]
            clusters: [{name: k, cluster: {server: "https://k:6443", disable-compression: true, extensions: []}}]
            users: [{name: u, user: {token: t, extensions: []}}]
            contexts: [{name: c, context: {cluster: k, user: u, extensions: []}}]
            """);

        var result = KubeconfigLoader.Load(path);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
    }

    private string Write(string body)
    {
        var path = Path.Combine(_directory, $"config-{Guid.NewGuid():N}");
        File.WriteAllText(path, body.Contains("contexts:", StringComparison.Ordinal) ? body : $"current-context: c\ncontexts: [{{name: c, context: {{cluster: k, user: u}}}}]\n{body}");
        return path;
    }
}
