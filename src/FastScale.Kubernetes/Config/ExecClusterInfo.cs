namespace FastScale.Kubernetes.Config;

/// <summary>What a plugin asked for with provideClusterInfo learns about the cluster (ExecCredential spec.cluster).</summary>
public sealed record ExecClusterInfo(Uri Server)
{
    public string? TlsServerName { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? CertificateAuthorityPem { get; init; }

    public Uri? ProxyUrl { get; init; }

    public bool DisableCompression { get; init; }
}
