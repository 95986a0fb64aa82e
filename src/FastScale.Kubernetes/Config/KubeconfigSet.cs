namespace FastScale.Kubernetes.Config;

/// <summary>Several kubeconfig files merged by kubectl's rules: the first file to name a cluster, user or context
/// wins it whole, and current-context comes from the first file that sets one. Each entry remembers its file, since
/// relative paths in it resolve against that file's folder.</summary>
internal sealed class KubeconfigSet
{
    private KubeconfigSet(IReadOnlyList<string> files) => Files = files;

    public IReadOnlyList<string> Files { get; }
    public Dictionary<string, Sourced<KubeconfigDocument.ClusterEntry>> Clusters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sourced<KubeconfigDocument.UserEntry>> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sourced<KubeconfigDocument.ContextEntry>> Contexts { get; } = new(StringComparer.Ordinal);
    public Sourced<string>? CurrentContext { get; private set; }

    /// <summary>Files that do not exist are skipped, as kubectl skips them in a KUBECONFIG list; one that exists but
    /// cannot be read or parsed is an error.</summary>
    public static KubeconfigSet? Read(IReadOnlyList<string> paths, bool skipMissing, List<string> errors)
    {
        var read = new List<string>();
        var set = new KubeconfigSet(read);
        foreach (var path in paths)
        {
            if (skipMissing && !File.Exists(path))
            {
                continue;
            }

            string yaml;
            try
            {
                yaml = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"kubeconfig {path}: cannot read: {e.Message}");
                continue;
            }

            read.Add(path);
            set.Add(KubeconfigFile.Parse(yaml, path, errors), path);
        }

        if (read.Count == 0 && errors.Count == 0)
        {
            errors.Add($"kubeconfig: none of {string.Join(", ", paths)} exists");
        }

        return errors.Count == 0 ? set : null;
    }

    public static KubeconfigSet? Parse(string yaml, string path, List<string> errors)
    {
        var set = new KubeconfigSet([path]);
        set.Add(KubeconfigFile.Parse(yaml, path, errors), path);
        return errors.Count == 0 ? set : null;
    }

    /// <summary>KUBECONFIG's syntax: paths joined by the platform's list separator; empty items and repeats dropped.</summary>
    public static IReadOnlyList<string> SplitPathList(string value) =>
        value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private void Add(KubeconfigDocument? document, string path)
    {
        if (document is null)
        {
            return;
        }

        if (CurrentContext is null && !string.IsNullOrEmpty(document.CurrentContext))
        {
            CurrentContext = new Sourced<string>(document.CurrentContext, path);
        }

        foreach (var entry in document.Clusters ?? [])
        {
            Clusters.TryAdd(entry.Name ?? "", new(entry.Cluster ?? new(), path));
        }

        foreach (var entry in document.Users ?? [])
        {
            Users.TryAdd(entry.Name ?? "", new(entry.User ?? new(), path));
        }

        foreach (var entry in document.Contexts ?? [])
        {
            Contexts.TryAdd(entry.Name ?? "", new(entry.Context ?? new(), path));
        }
    }
}

/// <summary>A kubeconfig entry and the file it came from.</summary>
internal sealed record Sourced<T>(T Value, string Path)
{
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";
}
