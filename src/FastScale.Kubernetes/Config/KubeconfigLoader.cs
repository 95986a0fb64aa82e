using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace FastScale.Kubernetes.Config;

/// <summary>Reads a kubeconfig file: the current (or named) context, its cluster and its user. Every problem is
/// reported at once, each naming the file and the field.</summary>
public static class KubeconfigLoader
{
    public static KubernetesConfigResult Load(string path, string? contextName = null)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return KubernetesConfigResult.Failure($"kubeconfig {path}: cannot read: {e.Message}");
        }

        return Parse(yaml, path, contextName);
    }

    /// <param name="path">Names the file in errors; relative certificate and token paths resolve against its folder.</param>
    public static KubernetesConfigResult Parse(string yaml, string path, string? contextName = null)
    {
        KubeconfigDocument? document;
        try
        {
            document = new DeserializerBuilder().IgnoreUnmatchedProperties().Build().Deserialize<KubeconfigDocument>(yaml);
        }
        catch (YamlException e)
        {
            return KubernetesConfigResult.Failure($"kubeconfig {path}:{e.Start.Line}:{e.Start.Column}: not a valid kubeconfig: {e.InnerException?.Message ?? e.Message}");
        }

        if (document is null)
        {
            return KubernetesConfigResult.Failure($"kubeconfig {path}: the file is empty");
        }

        var errors = new List<string>();
        void Error(string message) => errors.Add($"kubeconfig {path}: {message}");

        var name = string.IsNullOrEmpty(contextName) ? document.CurrentContext : contextName;
        if (string.IsNullOrEmpty(name))
        {
            Error("current-context is not set and no context was named");
            return KubernetesConfigResult.Failure(errors);
        }

        var context = Find(document.Contexts, name);
        if (context is null)
        {
            Error($"context '{name}' is not in contexts");
            return KubernetesConfigResult.Failure(errors);
        }

        var cluster = string.IsNullOrEmpty(context.Cluster) ? null : Find(document.Clusters, context.Cluster);
        if (string.IsNullOrEmpty(context.Cluster))
        {
            Error($"context '{name}' has no cluster");
        }
        else if (cluster is null)
        {
            Error($"context '{name}' names cluster '{context.Cluster}', which is not in clusters");
        }

        var user = string.IsNullOrEmpty(context.User) ? null : Find(document.Users, context.User);
        if (!string.IsNullOrEmpty(context.User) && user is null)
        {
            Error($"context '{name}' names user '{context.User}', which is not in users");
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Uri? server = null;
        X509Certificate2Collection? authorities = null;
        if (cluster is not null)
        {
            server = ReadServer(cluster, context.Cluster!, Error);
            authorities = ReadAuthorities(cluster, context.Cluster!, baseDirectory, Error);
        }

        X509Certificate2? clientCertificate = null;
        string? tokenFile = null;
        if (user is not null)
        {
            clientCertificate = ReadClientCertificate(user, context.User!, baseDirectory, Error);
            tokenFile = string.IsNullOrEmpty(user.TokenFile) ? null : Path.Combine(baseDirectory, user.TokenFile);
            if (user.Exec is not null || user.AuthProvider is not null)
            {
                Error($"user '{context.User}': exec and auth-provider credential plugins are not supported; use token, tokenFile or client-certificate/client-key");
            }
        }

        if (errors.Count > 0)
        {
            return KubernetesConfigResult.Failure(errors);
        }

        return KubernetesConfigResult.Success(new KubernetesClientConfig
        {
            Server = server!,
            CertificateAuthorities = authorities,
            InsecureSkipTlsVerify = cluster!.InsecureSkipTlsVerify,
            ClientCertificate = clientCertificate,
            Token = string.IsNullOrEmpty(user?.Token) ? null : user.Token,
            TokenFile = tokenFile,
            Namespace = string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace,
            Source = $"kubeconfig {path}, context {name}",
        });
    }

    private static T? Find<T>(List<KubeconfigDocument.NamedEntry<T>>? entries, string name)
        where T : class =>
        entries?.FirstOrDefault(e => e.Name == name)?.Value;

    private static Uri? ReadServer(KubeconfigDocument.ClusterEntry cluster, string name, Action<string> error)
    {
        if (string.IsNullOrEmpty(cluster.Server))
        {
            error($"cluster '{name}' has no server");
            return null;
        }

        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            error($"cluster '{name}': server '{cluster.Server}' is not an http(s) URL");
            return null;
        }

        return server;
    }

    private static X509Certificate2Collection? ReadAuthorities(KubeconfigDocument.ClusterEntry cluster, string name, string baseDirectory, Action<string> error)
    {
        var pem = ReadPem(cluster.CertificateAuthorityData, cluster.CertificateAuthority, $"cluster '{name}': certificate-authority", baseDirectory, error);
        if (pem is null)
        {
            return null;
        }

        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPem(pem);
            if (authorities.Count == 0)
            {
                error($"cluster '{name}': certificate-authority holds no PEM certificate");
                return null;
            }

            return authorities;
        }
        catch (CryptographicException e)
        {
            error($"cluster '{name}': certificate-authority is not a valid PEM certificate: {e.Message}");
            return null;
        }
    }

    private static X509Certificate2? ReadClientCertificate(KubeconfigDocument.UserEntry user, string name, string baseDirectory, Action<string> error)
    {
        var certificate = ReadPem(user.ClientCertificateData, user.ClientCertificate, $"user '{name}': client-certificate", baseDirectory, error);
        var key = ReadPem(user.ClientKeyData, user.ClientKey, $"user '{name}': client-key", baseDirectory, error);
        var hasCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate);
        var hasKey = !string.IsNullOrEmpty(user.ClientKeyData) || !string.IsNullOrEmpty(user.ClientKey);
        if (hasCertificate != hasKey)
        {
            error(hasCertificate
                ? $"user '{name}' has a client certificate but no client-key or client-key-data"
                : $"user '{name}' has a client key but no client-certificate or client-certificate-data");
            return null;
        }

        if (certificate is null || key is null)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (CryptographicException e)
        {
            error($"user '{name}': client certificate and key do not load as a PEM pair: {e.Message}");
            return null;
        }
    }

    /// <summary>Inline base64 data wins over a file, as kubectl does.</summary>
    private static string? ReadPem(string? base64, string? file, string field, string baseDirectory, Action<string> error)
    {
        if (!string.IsNullOrEmpty(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                error($"{field}-data is not valid base64");
                return null;
            }
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var fullPath = Path.Combine(baseDirectory, file);
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error($"{field} file {fullPath} cannot be read: {e.Message}");
            return null;
        }
    }
}
