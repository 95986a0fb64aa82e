using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using FastScale.Testing;

namespace FastScale.Grpc.Tests.Interop;

/// <summary>
/// A throw-away PKI in a temp directory, as PEM files the way the autoscaler's cloud-config names them: a CA, a server
/// certificate for 127.0.0.1 and localhost, a client certificate from the same CA, and a client certificate from a
/// second, unrelated CA (a stranger the server must refuse). Deleted on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }
    public string CaFile => Path.Combine(Directory, "ca.pem");
    public string ServerCertFile => Path.Combine(Directory, "server.pem");
    public string ServerKeyFile => Path.Combine(Directory, "server-key.pem");
    public string ClientCertFile => Path.Combine(Directory, "client.pem");
    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");
    public string StrangerCertFile => Path.Combine(Directory, "stranger.pem");
    public string StrangerKeyFile => Path.Combine(Directory, "stranger-key.pem");

    public static TestCertificates Create()
    {
        var certificates = new TestCertificates(System.IO.Directory.CreateTempSubdirectory("fastscale-interop-pki-").FullName);
        // Back-dated a little so a peer whose clock is a second behind still accepts them.
        var notBefore = TimeProvider.System.GetUtcNow().AddMinutes(-5);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateAuthority("CN=FastScale interop test CA", caKey, notBefore);
        File.WriteAllText(certificates.CaFile, ca.ExportCertificatePem());

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        Issue(ca, "CN=localhost", "1.3.6.1.5.5.7.3.1", san.Build(), notBefore, certificates.ServerCertFile, certificates.ServerKeyFile);
        Issue(ca, "CN=fastscale-interop-client", "1.3.6.1.5.5.7.3.2", null, notBefore, certificates.ClientCertFile, certificates.ClientKeyFile);

        using var strangerCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCa = CreateAuthority("CN=Some other CA", strangerCaKey, notBefore);
        Issue(strangerCa, "CN=fastscale-interop-client", "1.3.6.1.5.5.7.3.2", null, notBefore, certificates.StrangerCertFile, certificates.StrangerKeyFile);
        return certificates;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static X509Certificate2 CreateAuthority(string subject, ECDsa key, DateTimeOffset notBefore)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notBefore + Validity);
    }

    private static void Issue(
        X509Certificate2 issuer, string subject, string extendedKeyUsageOid, X509Extension? subjectAlternativeName,
        DateTimeOffset notBefore, string certFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsageOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (subjectAlternativeName is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeName);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // DER INTEGER: positive, no leading zero byte
        using var certificate = request.Create(issuer, notBefore, notBefore + Validity, serial);
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
