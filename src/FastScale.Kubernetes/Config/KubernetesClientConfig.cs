using System.Security.Cryptography.X509Certificates;

namespace FastScale.Kubernetes.Config;

/// <summary>Where the API server is and how to trust and authenticate to it: the result of reading a kubeconfig
/// (<see cref="KubeconfigLoader"/>) or the pod's service account (<see cref="InClusterConfigLoader"/>), or built by
/// hand with <see cref="ForServer"/>.</summary>
public sealed class KubernetesClientConfig
{
    public required Uri Server { get; init; }

    /// <summary>When set, the server's certificate must chain to one of these, and only these.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Accept any server certificate. For throwaway clusters only.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name sent as SNI and checked against the server's certificate instead of the server URL's host
    /// (kubeconfig <c>tls-server-name</c>), for API servers reached by an address their certificate does not name.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>An http, https or socks5 proxy for every request (kubeconfig <c>proxy-url</c>). When null, the
    /// environment's HTTPS_PROXY and NO_PROXY apply, as they do for kubectl.</summary>
    public Uri? ProxyUrl { get; init; }

    /// <summary>Client certificate with its private key, for certificate authentication.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A fixed bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding the bearer token, re-read every <see cref="TokenRefreshInterval"/> because projected
    /// service-account tokens rotate. Takes precedence over <see cref="Token"/>.</summary>
    public string? TokenFile { get; init; }

    /// <summary>HTTP basic authentication (kubeconfig <c>username</c>/<c>password</c>).</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Act as another identity (kubeconfig <c>as</c>, <c>as-uid</c>, <c>as-groups</c>, <c>as-user-extra</c>).</summary>
    public Impersonation? Impersonate { get; init; }

    /// <summary>A credential plugin run for a token or client certificate (kubeconfig <c>exec</c>).</summary>
    public ExecPluginConfig? Exec { get; init; }

    /// <summary>Default 1 minute (kubelet rotates projected tokens well before they expire).</summary>
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The context's namespace, or the pod's; "default" when neither says.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Where this came from, for log lines and errors ("kubeconfig /root/.kube/config, context kind").</summary>
    public string Source { get; init; } = "explicit";

    /// <summary>A server with an optional bearer token and no TLS settings, e.g. the cluster simulator on
    /// <c>http://127.0.0.1:PORT</c>, which accepts any token.</summary>
    public static KubernetesClientConfig ForServer(Uri server, string? token = null) =>
        new() { Server = server, Token = token, Source = $"explicit {server}" };
}
