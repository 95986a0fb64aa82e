using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FastScale.Kubernetes.Config;

/// <summary>A kubeconfig cluster checked and loaded: server, trust, SNI name and proxy.</summary>
internal static class KubeconfigClusterReader
{
    /// <param name="CertificateAuthorityPem">As read, for KUBERNETES_EXEC_INFO.</param>
    internal sealed record ClusterSettings(
        Uri Server,
        X509Certificate2Collection? Authorities,
        string? CertificateAuthorityPem,
        bool InsecureSkipTlsVerify,
        string? TlsServerName,
        Uri? ProxyUrl,
        bool DisableCompression);

    public static ClusterSettings? Read(Sourced<KubeconfigDocument.ClusterEntry> sourced, string name, List<string> errors)
    {
        var cluster = sourced.Value;
        var path = sourced.Path;
        var before = errors.Count;
        Uri? server = null;
        if (string.IsNullOrEmpty(cluster.Server))
        {
            errors.Add($"kubeconfig {path}: cluster '{name}' has no server");
        }
        else if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out server) || server.Scheme is not ("https" or "http"))
        {
            errors.Add($"kubeconfig {path}: cluster '{name}': server '{cluster.Server}' is not an http(s) URL");
        }

        string? pem = null;
        X509Certificate2Collection? authorities = null;
        var hasAuthority = !string.IsNullOrEmpty(cluster.CertificateAuthority) || !string.IsNullOrEmpty(cluster.CertificateAuthorityData);
        if (cluster.InsecureSkipTlsVerify && hasAuthority)
        {
            errors.Add($"kubeconfig {path}: cluster '{name}': insecure-skip-tls-verify together with certificate-authority is refused, as kubectl refuses it (\"specifying a root certificates file with the insecure flag is not allowed\"); keep one");
        }
        else
        {
            pem = KubeconfigPem.Read(cluster.CertificateAuthorityData, cluster.CertificateAuthority, $"cluster '{name}': certificate-authority", path, sourced.Directory, errors);
            authorities = pem is null ? null : ParseAuthorities(pem, name, path, errors);
        }

        if (cluster.TlsServerName is { Length: > 0 } && server?.Scheme == "http")
        {
            errors.Add($"kubeconfig {path}: cluster '{name}': tls-server-name needs an https server, and server is {cluster.Server}");
        }

        var proxy = ReadProxy(cluster.ProxyUrl, name, path, errors);
        if (errors.Count > before)
        {
            return null;
        }

        return new ClusterSettings(
            server!,
            authorities,
            pem,
            cluster.InsecureSkipTlsVerify,
            string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            proxy,
            cluster.DisableCompression);
    }

    private static X509Certificate2Collection? ParseAuthorities(string pem, string name, string path, List<string> errors)
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPem(pem);
            if (authorities.Count == 0)
            {
                errors.Add($"kubeconfig {path}: cluster '{name}': certificate-authority holds no PEM certificate");
                return null;
            }

            return authorities;
        }
        catch (CryptographicException e)
        {
            errors.Add($"kubeconfig {path}: cluster '{name}': certificate-authority is not a valid PEM certificate: {e.Message}");
            return null;
        }
    }

    /// <summary>http, https and socks5, the schemes kubectl takes; .NET's handler speaks all three.</summary>
    private static Uri? ReadProxy(string? value, string name, string path, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var proxy) || proxy.Scheme is not ("http" or "https" or "socks5") || string.IsNullOrEmpty(proxy.Host))
        {
            errors.Add($"kubeconfig {path}: cluster '{name}': proxy-url '{value}' is not an http://, https:// or socks5:// URL with a host");
            return null;
        }

        return proxy;
    }

    public static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
