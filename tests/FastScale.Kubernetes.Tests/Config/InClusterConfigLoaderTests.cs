using FastScale.Kubernetes.Config;
using FastScale.Kubernetes.Tests.TestSupport;

namespace FastScale.Kubernetes.Tests.Config;

public sealed class InClusterConfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("serviceaccount-").FullName;
    private readonly InClusterPaths _paths;

    public InClusterConfigLoaderTests() =>
        _paths = new InClusterPaths
        {
            TokenFile = Path.Combine(_directory, "token"),
            CertificateAuthorityFile = Path.Combine(_directory, "ca.crt"),
            NamespaceFile = Path.Combine(_directory, "namespace"),
        };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_MountedServiceAccount_BuildsHttpsConfig()
    {
        using var certificates = new TestCertificates();
        File.WriteAllText(_paths.TokenFile, "sa-token\n");
        File.WriteAllText(_paths.CertificateAuthorityFile, certificates.AuthorityPem);
        File.WriteAllText(_paths.NamespaceFile, "kube-system");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var result = InClusterConfigLoader.Load(_paths, env.GetValueOrDefault);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal(new Uri("https://[fd00::1]:443"), result.Config!.Server);
        Assert.Equal(_paths.TokenFile, result.Config.TokenFile);
        Assert.Equal("kube-system", result.Config.Namespace);
        Assert.Single(result.Config.CertificateAuthorities!);
    }

    [Fact]
    public void Load_NotInAPod_ReportsEveryMissingPiece()
    {
        var result = InClusterConfigLoader.Load(_paths, _ => null);

        Assert.Equal(3, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Contains("KUBERNETES_SERVICE_HOST"));
        Assert.Contains(result.Errors, e => e.Contains(_paths.TokenFile));
        Assert.Contains(result.Errors, e => e.Contains(_paths.CertificateAuthorityFile));
    }
}
