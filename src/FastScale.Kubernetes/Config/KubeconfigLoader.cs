namespace FastScale.Kubernetes.Config;

/// <summary>Reads kubeconfig as kubectl does: one file (<c>--kubeconfig</c>) or the KUBECONFIG list merged, then the
/// current (or named, <c>--context</c>) context, its cluster and its user. Every problem is reported at once, each
/// naming the file and the field; anything FastScale cannot honour is refused here, at start, rather than at the
/// first request.</summary>
public static class KubeconfigLoader
{
    public const string PathListVariable = "KUBECONFIG";

    /// <summary>One file; a missing file is an error.</summary>
    public static KubernetesConfigResult Load(string path, string? contextName = null)
    {
        var errors = new List<string>();
        var set = KubeconfigSet.Read([path], skipMissing: false, errors);
        return set is null ? KubernetesConfigResult.Failure(errors) : Resolve(set, contextName);
    }

    /// <summary>A KUBECONFIG value: files joined by the platform's path separator, merged by kubectl's rules (the
    /// first file to name a cluster, user or context wins it; current-context from the first file that sets one).
    /// Files that do not exist are skipped, as kubectl skips them.</summary>
    public static KubernetesConfigResult LoadPathList(string pathList, string? contextName = null)
    {
        var paths = KubeconfigSet.SplitPathList(pathList);
        if (paths.Count == 0)
        {
            return KubernetesConfigResult.Failure($"{PathListVariable} names no file");
        }

        var errors = new List<string>();
        var set = KubeconfigSet.Read(paths, skipMissing: true, errors);
        return set is null ? KubernetesConfigResult.Failure(errors) : Resolve(set, contextName);
    }

    /// <param name="path">Names the file in errors; relative certificate, token and command paths resolve against its folder.</param>
    public static KubernetesConfigResult Parse(string yaml, string path, string? contextName = null)
    {
        var errors = new List<string>();
        var set = KubeconfigSet.Parse(yaml, path, errors);
        return set is null ? KubernetesConfigResult.Failure(errors) : Resolve(set, contextName);
    }

    private static KubernetesConfigResult Resolve(KubeconfigSet set, string? contextName)
    {
        var files = string.Join(Path.PathSeparator, set.Files);
        var name = string.IsNullOrEmpty(contextName) ? set.CurrentContext?.Value : contextName;
        if (string.IsNullOrEmpty(name))
        {
            return KubernetesConfigResult.Failure($"kubeconfig {files}: current-context is not set and no context was named (--context)");
        }

        if (!set.Contexts.TryGetValue(name, out var context))
        {
            var where = string.IsNullOrEmpty(contextName) ? $" (current-context of {set.CurrentContext!.Path})" : "";
            return KubernetesConfigResult.Failure($"kubeconfig {files}: context '{name}'{where} is not in contexts");
        }

        var errors = new List<string>();
        var contextEntry = context.Value;
        Sourced<KubeconfigDocument.ClusterEntry>? cluster = null;
        if (string.IsNullOrEmpty(contextEntry.Cluster))
        {
            errors.Add($"kubeconfig {context.Path}: context '{name}' has no cluster");
        }
        else if (!set.Clusters.TryGetValue(contextEntry.Cluster, out cluster))
        {
            errors.Add($"kubeconfig {context.Path}: context '{name}' names cluster '{contextEntry.Cluster}', which is not in clusters of {files}");
        }

        Sourced<KubeconfigDocument.UserEntry>? user = null;
        if (!string.IsNullOrEmpty(contextEntry.User) && !set.Users.TryGetValue(contextEntry.User, out user))
        {
            errors.Add($"kubeconfig {context.Path}: context '{name}' names user '{contextEntry.User}', which is not in users of {files}");
        }

        var clusterSettings = cluster is null ? null : KubeconfigClusterReader.Read(cluster, contextEntry.Cluster!, errors);
        var userSettings = user is null ? KubeconfigUserReader.Anonymous : KubeconfigUserReader.Read(user, contextEntry.User!, clusterSettings, errors);
        if (errors.Count > 0 || clusterSettings is null)
        {
            return KubernetesConfigResult.Failure(errors);
        }

        return KubernetesConfigResult.Success(new KubernetesClientConfig
        {
            Server = clusterSettings.Server,
            CertificateAuthorities = clusterSettings.Authorities,
            InsecureSkipTlsVerify = clusterSettings.InsecureSkipTlsVerify,
            TlsServerName = clusterSettings.TlsServerName,
            ProxyUrl = clusterSettings.ProxyUrl,
            ClientCertificate = userSettings.ClientCertificate,
            Token = userSettings.Token,
            TokenFile = userSettings.TokenFile,
            Username = userSettings.Username,
            Password = userSettings.Password,
            Impersonate = userSettings.Impersonate,
            Exec = userSettings.Exec,
            Namespace = string.IsNullOrEmpty(contextEntry.Namespace) ? "default" : contextEntry.Namespace,
            Source = $"kubeconfig {files}, context {name}",
        });
    }
}
