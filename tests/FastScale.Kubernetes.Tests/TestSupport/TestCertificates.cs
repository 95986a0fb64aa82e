using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>A throwaway CA and a leaf it signed, made in memory for each test run.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates(string leafName = "localhost")
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        Authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));

        LeafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest($"CN={leafName}", LeafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(leafName);
        leafRequest.CertificateExtensions.Add(san.Build());
        Leaf = leafRequest.Create(Authority, now.AddDays(-1), now.AddYears(10), [1, 2, 3, 4]);
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Leaf { get; }
    public RSA LeafKey { get; }

    /// <summary>The leaf with its key, as a TLS server needs it.</summary>
    public X509Certificate2 LeafWithKey => Leaf.CopyWithPrivateKey(LeafKey);

    public string AuthorityPem => Authority.ExportCertificatePem();
    public string LeafPem => Leaf.ExportCertificatePem();
    public string LeafKeyPem => LeafKey.ExportPkcs8PrivateKeyPem();

    public void Dispose()
    {
        Authority.Dispose();
        Leaf.Dispose();
        LeafKey.Dispose();
    }
}
