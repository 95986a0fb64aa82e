namespace FastScale.Kubernetes.Config;

/// <summary>Where a pod's service-account credentials are mounted; replaceable for tests.</summary>
public sealed record InClusterPaths
{
    public string TokenFile { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    public string CertificateAuthorityFile { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
    public string NamespaceFile { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
}
