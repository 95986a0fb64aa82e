using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastScale.Kubernetes.Config;

/// <summary>The configuration of a process running in a pod: KUBERNETES_SERVICE_HOST/PORT, the service-account token
/// (re-read as it rotates), its CA and namespace.</summary>
public static class InClusterConfigLoader
{
    /// <param name="getEnvironmentVariable">Defaults to the process environment.</param>
    public static KubernetesConfigResult Load(InClusterPaths? paths = null, Func<string, string?>? getEnvironmentVariable = null)
    {
        paths ??= new InClusterPaths();
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        var errors = new List<string>();

        var host = getEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = getEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            errors.Add("in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set (is this running in a pod?)");
        }
        else if (!int.TryParse(port, out var portNumber) || portNumber is < 1 or > 65535)
        {
            errors.Add($"in-cluster: KUBERNETES_SERVICE_PORT '{port}' is not a port number");
        }

        if (!File.Exists(paths.TokenFile))
        {
            errors.Add($"in-cluster: service-account token file {paths.TokenFile} does not exist");
        }

        X509Certificate2Collection? authorities = null;
        try
        {
            authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(paths.CertificateAuthorityFile);
            if (authorities.Count == 0)
            {
                errors.Add($"in-cluster: {paths.CertificateAuthorityFile} holds no PEM certificate");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            errors.Add($"in-cluster: CA file {paths.CertificateAuthorityFile} cannot be read: {e.Message}");
        }

        var @namespace = "default";
        if (File.Exists(paths.NamespaceFile))
        {
            var text = File.ReadAllText(paths.NamespaceFile).Trim();
            @namespace = text.Length > 0 ? text : @namespace;
        }

        if (errors.Count > 0)
        {
            return KubernetesConfigResult.Failure(errors);
        }

        // An IPv6 service address needs brackets in a URL.
        var hostPart = IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]"
            : host;
        return KubernetesConfigResult.Success(new KubernetesClientConfig
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            CertificateAuthorities = authorities,
            TokenFile = paths.TokenFile,
            Namespace = @namespace,
            Source = "in-cluster service account",
        });
    }
}
