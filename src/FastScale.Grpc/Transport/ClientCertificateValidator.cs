using System.Security.Cryptography.X509Certificates;

namespace FastScale.Grpc.Transport;

/// <summary>
/// Accepts a client certificate only if it chains to one of the configured CA certificates. The system trust store
/// plays no part: a certificate from any public CA is still a stranger here.
/// </summary>
internal sealed class ClientCertificateValidator(X509Certificate2Collection authorities)
{
    public bool IsTrusted(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // An in-cluster CA publishes no revocation lists; cert-manager rotates short-lived certificates instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
