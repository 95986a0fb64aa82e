using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

/// <summary>Builds the HTTP stack for a configuration: TLS that trusts the configured CA only, the client
/// certificate, and the bearer token.</summary>
public static class KubernetesHttpHandlerFactory
{
    public static HttpMessageHandler Create(KubernetesClientConfig config, TimeProvider timeProvider, ILogger logger)
    {
        var sockets = new SocketsHttpHandler
        {
            // Re-resolve the API server's address now and then (a load balancer behind a name may move).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(config, certificate as X509Certificate2, errors),
                ClientCertificates = config.ClientCertificate is null ? null : new X509CertificateCollection { config.ClientCertificate },
            },
        };

        var tokens = new BearerTokenSource(config, timeProvider, logger);
        return tokens.HasToken ? new BearerTokenHandler(tokens, sockets) : sockets;
    }

    internal static bool Validate(KubernetesClientConfig config, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (config.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (config.CertificateAuthorities is not { Count: > 0 } authorities)
        {
            return errors == SslPolicyErrors.None;
        }

        // The host name must still match; only the chain is judged against our CA instead of the system store.
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
