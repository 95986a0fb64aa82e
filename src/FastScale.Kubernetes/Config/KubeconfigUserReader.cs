using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastScale.Kubernetes.Config;

/// <summary>A kubeconfig user checked and loaded, with kubectl's rules on which credentials may be combined.</summary>
internal static class KubeconfigUserReader
{
    internal sealed record UserSettings(
        X509Certificate2? ClientCertificate,
        string? Token,
        string? TokenFile,
        string? Username,
        string? Password,
        Impersonation? Impersonate,
        ExecPluginConfig? Exec);

    public static readonly UserSettings Anonymous = new(null, null, null, null, null, null, null);

    public static UserSettings Read(
        Sourced<KubeconfigDocument.UserEntry> sourced,
        string name,
        KubeconfigClusterReader.ClusterSettings? cluster,
        List<string> errors)
    {
        var user = sourced.Value;
        var path = sourced.Path;
        void Error(string message) => errors.Add($"kubeconfig {path}: user '{name}': {message}");

        if (user.AuthProvider is not null)
        {
            Error("auth-provider plugins were removed from kubectl (1.26) and are not supported; use the provider's exec plugin instead (for example gke-gcloud-auth-plugin or kubelogin)");
        }

        var hasToken = !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.TokenFile);
        var hasBasic = !string.IsNullOrEmpty(user.Username) || !string.IsNullOrEmpty(user.Password);
        if (hasToken && hasBasic)
        {
            // kubectl's own validation message for the same case.
            Error("more than one authentication method found: token and username/password; only one is allowed");
        }

        if (user.Exec is not null && (hasToken || hasBasic))
        {
            // kubectl would send the static credential and never run the plugin; say so instead of guessing.
            Error("exec together with token, tokenFile or username/password: kubectl would use the static credential and never run the plugin; keep one");
        }

        if (!string.IsNullOrEmpty(user.Password) && string.IsNullOrEmpty(user.Username))
        {
            Error("password is set without username");
        }

        var impersonate = ReadImpersonation(user, Error);
        var certificate = ReadClientCertificate(user, name, sourced, errors);
        var exec = user.Exec is null ? null : KubeconfigExecReader.Read(user.Exec, sourced, name, cluster, errors);
        return new UserSettings(
            certificate,
            string.IsNullOrEmpty(user.Token) ? null : user.Token,
            string.IsNullOrEmpty(user.TokenFile) ? null : Path.Combine(sourced.Directory, user.TokenFile),
            string.IsNullOrEmpty(user.Username) ? null : user.Username,
            string.IsNullOrEmpty(user.Username) ? null : user.Password ?? "",
            impersonate,
            exec);
    }

    private static Impersonation? ReadImpersonation(KubeconfigDocument.UserEntry user, Action<string> error)
    {
        var groups = user.AsGroups ?? [];
        var extra = user.AsUserExtra ?? [];
        if (string.IsNullOrEmpty(user.As))
        {
            if (!string.IsNullOrEmpty(user.AsUid) || groups.Count > 0 || extra.Count > 0)
            {
                error("as-uid, as-groups or as-user-extra without as: impersonating needs a user, as kubectl requires");
            }

            return null;
        }

        foreach (var key in extra.Keys.Where(k => string.IsNullOrWhiteSpace(k)))
        {
            error($"as-user-extra has an empty key '{key}'");
        }

        // The API server reads one group (or extra value) per header line; HttpHeaders has no way to send a name
        // twice, so a second group would arrive as part of the first ("a, b") and name a group nobody meant.
        if (groups.Count > 1)
        {
            error($"as-groups has {groups.Count} groups, and .NET's HTTP client joins repeated headers into one line that the API server would read as one group; FastScale supports one impersonated group");
        }

        foreach (var (key, values) in extra.Where(e => e.Value?.Count > 1))
        {
            error($"as-user-extra '{key}' has {values.Count} values, and .NET's HTTP client joins repeated headers into one line that the API server would read as one value; FastScale supports one value per key");
        }

        return new Impersonation(user.As)
        {
            Uid = string.IsNullOrEmpty(user.AsUid) ? null : user.AsUid,
            Groups = groups.Where(g => !string.IsNullOrEmpty(g)).ToList(),
            Extra = extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)(e.Value ?? []), StringComparer.Ordinal),
        };
    }

    private static X509Certificate2? ReadClientCertificate(KubeconfigDocument.UserEntry user, string name, Sourced<KubeconfigDocument.UserEntry> sourced, List<string> errors)
    {
        var path = sourced.Path;
        var certificate = KubeconfigPem.Read(user.ClientCertificateData, user.ClientCertificate, $"user '{name}': client-certificate", path, sourced.Directory, errors);
        var key = KubeconfigPem.Read(user.ClientKeyData, user.ClientKey, $"user '{name}': client-key", path, sourced.Directory, errors);
        var hasCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate);
        var hasKey = !string.IsNullOrEmpty(user.ClientKeyData) || !string.IsNullOrEmpty(user.ClientKey);
        if (hasCertificate != hasKey)
        {
            errors.Add(hasCertificate
                ? $"kubeconfig {path}: user '{name}' has a client certificate but no client-key or client-key-data"
                : $"kubeconfig {path}: user '{name}' has a client key but no client-certificate or client-certificate-data");
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
            errors.Add($"kubeconfig {path}: user '{name}': client certificate and key do not load as a PEM pair: {e.Message}");
            return null;
        }
    }
}
