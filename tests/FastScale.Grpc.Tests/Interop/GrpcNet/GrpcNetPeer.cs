using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>
/// Makes Grpc.Net.Client channels to one provider address. h2c needs nothing special: on .NET 5 and later an http://
/// address is plain HTTP/2 with prior knowledge (the Http2UnencryptedSupport switch was only for .NET Core 3.x). TLS
/// trusts only the test CA, never the machine's store, and a client certificate, when given, is always offered, even
/// when the server's list of acceptable issuers does not name its CA, so a stranger's certificate really reaches the
/// server.
/// </summary>
internal sealed class GrpcNetPeer(Uri address, Func<SocketsHttpHandler> transport)
{
    public static GrpcNetPeer H2c(Uri address) => new(address, () => new SocketsHttpHandler { EnableMultipleHttp2Connections = true });

    public static GrpcNetPeer Tls(Uri address, string caFile, string? certFile = null, string? keyFile = null)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        var client = certFile is null ? null : X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return new GrpcNetPeer(address, () =>
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck, // a throw-away CA publishes no revocation lists
            };
            policy.CustomTrustStore.Add(ca);
            return new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                SslOptions =
                {
                    CertificateChainPolicy = policy,
                    LocalCertificateSelectionCallback = client is null ? null : (_, _, _, _, _) => client,
                },
            };
        });
    }

    /// <summary>A channel on its own connection; <paramref name="wrap"/> may put a handler in front of the transport.</summary>
    public GrpcChannel Channel(Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var handler = transport();
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = wrap is null ? handler : wrap(handler),
            DisposeHttpClient = true,
        });
    }
}
