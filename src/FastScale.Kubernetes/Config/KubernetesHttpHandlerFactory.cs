using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Config;

/// <summary>Builds the HTTP stack for a configuration: TLS that trusts the configured CA only and checks the
/// tls-server-name, the proxy, the client certificate, and the credentials (bearer token or token file, basic, an
/// exec plugin) with impersonation headers.</summary>
public static class KubernetesHttpHandlerFactory
{
    public static HttpMessageHandler Create(KubernetesClientConfig config, TimeProvider timeProvider, ILogger logger)
    {
        if (config.Exec is { } exec)
        {
            var provider = new ExecCredentialProvider(new ExecPluginRunner(exec, timeProvider, logger), timeProvider);
            return new ExecCredentialHandler(provider, certificate => Chain(config, certificate ?? config.ClientCertificate, timeProvider, logger), exec.Command, logger);
        }

        return Chain(config, config.ClientCertificate, timeProvider, logger);
    }

    private static HttpMessageHandler Chain(KubernetesClientConfig config, X509Certificate2? clientCertificate, TimeProvider timeProvider, ILogger logger)
    {
        HttpMessageHandler handler = Sockets(config, clientCertificate);
        var tokens = new BearerTokenSource(config, timeProvider, logger);
        if (tokens.HasToken)
        {
            handler = new BearerTokenHandler(tokens, handler);
        }

        return StaticHeadersHandler.IsNeeded(config) ? new StaticHeadersHandler(config, handler) : handler;
    }

    private static SocketsHttpHandler Sockets(KubernetesClientConfig config, X509Certificate2? clientCertificate)
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
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };

        // Without proxy-url the environment's HTTPS_PROXY/NO_PROXY apply, as they do for kubectl.
        if (config.ProxyUrl is { } proxy)
        {
            sockets.Proxy = new FixedProxy(proxy);
            sockets.UseProxy = true;
        }

        return sockets;
    }

    internal static bool Validate(KubernetesClientConfig config, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (config.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        // With tls-server-name the certificate must name that, whatever host the URL has.
        var nameMatches = config.TlsServerName is { } serverName
            ? certificate.MatchesHostname(serverName)
            : (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        if (!nameMatches)
        {
            return false;
        }

        if (config.CertificateAuthorities is not { Count: > 0 } authorities)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        // Only the chain is judged against our CA instead of the system store.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
