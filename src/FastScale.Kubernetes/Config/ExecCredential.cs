using System.Security.Cryptography.X509Certificates;

namespace FastScale.Kubernetes.Config;

/// <summary>What a credential plugin returned: a bearer token or a client certificate, valid until
/// <see cref="ExpiresAt"/> (null: until the server answers 401).</summary>
internal sealed record ExecCredential(string? Token, X509Certificate2? ClientCertificate, DateTimeOffset? ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;
}
