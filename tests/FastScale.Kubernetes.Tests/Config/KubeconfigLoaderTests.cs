using System.Net.Security;
using System.Text;
using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Tests.TestSupport;

namespace FastScale.Kubernetes.Tests.Config;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;
    private readonly TestCertificates _certificates = new();

    public void Dispose()
    {
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Load_InlineDataAndToken_ReadsCurrentContext()
    {
        var path = Write($"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: dev
              cluster: {"{"}server: "https://dev:6443"{"}"}
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {Base64(_certificates.AuthorityPem)}
            users:
            - name: admin
              user:
                token: abc.def
            contexts:
            - name: prod
              context: {"{"}cluster: prod, user: admin, namespace: ops{"}"}
            preferences: {"{}"}
            """);

        var result = KubeconfigLoader.Load(path);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal(new Uri("https://10.0.0.1:6443"), config.Server);
        Assert.Equal("abc.def", config.Token);
        Assert.Equal("ops", config.Namespace);
        Assert.Equal(_certificates.Authority.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.False(config.InsecureSkipTlsVerify);
        Assert.Contains("context prod", config.Source);
    }

    [Fact]
    public void Load_FilesRelativeToKubeconfig_LoadsClientCertificateAndTokenFile()
    {
        File.WriteAllText(Path.Combine(_directory, "ca.crt"), _certificates.AuthorityPem);
        File.WriteAllText(Path.Combine(_directory, "client.crt"), _certificates.LeafPem);
        File.WriteAllText(Path.Combine(_directory, "client.key"), _certificates.LeafKeyPem);
        var path = Write("""
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k:6443", certificate-authority: ca.crt}}]
            users: [{name: u, user: {client-certificate: client.crt, client-key: client.key, tokenFile: token}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """);

        var config = KubeconfigLoader.Load(path).Config!;

        Assert.True(config.ClientCertificate!.HasPrivateKey);
        Assert.Equal(_certificates.Leaf.Thumbprint, config.ClientCertificate.Thumbprint);
        Assert.Equal(Path.Combine(_directory, "token"), config.TokenFile);
        Assert.Equal("default", config.Namespace);
    }

    [Fact]
    public void Load_NamedContextAndInsecure_OverridesCurrentContext()
    {
        var path = Write("""
            current-context: a
            clusters: [{name: k, cluster: {server: "https://k:6443", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {client-certificate-data: "", token: t}}]
            contexts: [{name: a, context: {cluster: missing, user: u}}, {name: b, context: {cluster: k, user: u}}]
            """);

        var config = KubeconfigLoader.Load(path, "b").Config!;

        Assert.True(config.InsecureSkipTlsVerify);
        Assert.True(KubernetesHttpHandlerFactory.Validate(config, _certificates.Leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Load_EveryProblem_IsReportedWithFileAndField()
    {
        var path = Write("""
            current-context: c
            clusters: [{name: k, cluster: {certificate-authority: nowhere.crt}}]
            users: [{name: u, user: {client-certificate-data: "bm90IGEgY2VydA==", exec: {command: aws}}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """);

        var result = KubeconfigLoader.Load(path);

        Assert.False(result.IsSuccess);
        Assert.All(result.Errors, e => Assert.StartsWith($"kubeconfig {path}: ", e));
        Assert.Contains(result.Errors, e => e.Contains("cluster 'k' has no server"));
        Assert.Contains(result.Errors, e => e.Contains("certificate-authority file") && e.Contains("nowhere.crt"));
        Assert.Contains(result.Errors, e => e.Contains("has a client certificate but no client-key"));
        Assert.Contains(result.Errors, e => e.Contains("exec: apiVersion must be set"));
    }

    [Theory]
    [InlineData("clusters: []", "current-context is not set")]
    [InlineData("current-context: x\ncontexts: []", "is not in contexts")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: k, user: u}}]", "names cluster 'k', which is not in clusters")]
    [InlineData("current-context: [unclosed", "not a valid kubeconfig")]
    public void Load_BrokenReferences_NameTheMissingEntry(string yaml, string expected)
    {
        var result = KubeconfigLoader.Load(Write(yaml));

        Assert.Contains(result.Errors, e => e.Contains(expected));
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var path = Path.Combine(_directory, "absent");

        Assert.StartsWith($"kubeconfig {path}: cannot read", KubeconfigLoader.Load(path).Errors.Single());
    }

    [Fact]
    public void Validate_CustomAuthority_TrustsOnlyThatAuthority()
    {
        var config = new KubernetesClientConfig
        {
            Server = new Uri("https://localhost"),
            CertificateAuthorities = [_certificates.Authority],
        };
        using var other = new TestCertificates();

        Assert.True(KubernetesHttpHandlerFactory.Validate(config, _certificates.Leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(KubernetesHttpHandlerFactory.Validate(config, other.Leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(KubernetesHttpHandlerFactory.Validate(config, _certificates.Leaf, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, $"config-{Guid.NewGuid():N}");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
