namespace FastScale.Kubernetes.Config;

/// <summary>A user's <c>exec</c> section checked by kubectl's rules and turned into an <see cref="ExecPluginConfig"/>.</summary>
internal static class KubeconfigExecReader
{
    public static ExecPluginConfig? Read(
        KubeconfigDocument.ExecEntry exec,
        Sourced<KubeconfigDocument.UserEntry> sourced,
        string name,
        KubeconfigClusterReader.ClusterSettings? cluster,
        List<string> errors)
    {
        var before = errors.Count;
        void Error(string message) => errors.Add($"kubeconfig {sourced.Path}: user '{name}': exec: {message}");

        if (string.IsNullOrEmpty(exec.Command))
        {
            Error("command must be set");
        }

        switch (exec.ApiVersion)
        {
            case ExecPluginConfig.V1 or ExecPluginConfig.V1Beta1:
                break;
            case null or "":
                Error($"apiVersion must be set ({ExecPluginConfig.V1} or {ExecPluginConfig.V1Beta1})");
                break;
            case "client.authentication.k8s.io/v1alpha1":
                Error($"apiVersion client.authentication.k8s.io/v1alpha1 was removed in Kubernetes 1.24; use {ExecPluginConfig.V1}");
                break;
            default:
                Error($"apiVersion '{exec.ApiVersion}' is not supported; use {ExecPluginConfig.V1} or {ExecPluginConfig.V1Beta1}");
                break;
        }

        var mode = exec.InteractiveMode;
        if (string.IsNullOrEmpty(mode) && exec.ApiVersion == ExecPluginConfig.V1Beta1)
        {
            mode = "IfAvailable"; // kubectl's default for v1beta1; v1 must say
        }

        switch (mode)
        {
            case "Never" or "IfAvailable":
                break;
            case null or "":
                Error($"interactiveMode must be set for {ExecPluginConfig.V1} (Never or IfAvailable)");
                break;
            case "Always":
                Error("interactiveMode Always needs a terminal on stdin, and FastScale runs as a service that has none to give the plugin; use Never or IfAvailable");
                break;
            default:
                Error($"interactiveMode '{mode}' is not Never, IfAvailable or Always");
                break;
        }

        foreach (var variable in exec.Env ?? [])
        {
            if (string.IsNullOrEmpty(variable.Name))
            {
                Error("an env entry has no name");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ExecPluginConfig(ResolveCommand(exec.Command!, sourced.Directory), exec.ApiVersion!)
        {
            Args = exec.Args ?? [],
            Env = (exec.Env ?? []).Select(v => KeyValuePair.Create(v.Name!, v.Value ?? "")).ToList(),
            ProvideClusterInfo = exec.ProvideClusterInfo,
            Cluster = exec.ProvideClusterInfo && cluster is not null ? ToExecCluster(cluster) : null,
            InteractiveMode = mode!,
            InstallHint = string.IsNullOrWhiteSpace(exec.InstallHint) ? null : exec.InstallHint.Trim(),
            Source = $"kubeconfig {sourced.Path}, user {name}",
        };
    }

    /// <summary>As kubectl: a path with a separator is relative to the kubeconfig's folder; a bare name is looked up
    /// in PATH when the plugin runs.</summary>
    private static string ResolveCommand(string command, string directory) =>
        Path.IsPathRooted(command) || !command.Contains(Path.DirectorySeparatorChar) && !command.Contains('/')
            ? command
            : Path.GetFullPath(Path.Combine(directory, command));

    private static ExecClusterInfo ToExecCluster(KubeconfigClusterReader.ClusterSettings cluster) => new(cluster.Server)
    {
        TlsServerName = cluster.TlsServerName,
        InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
        CertificateAuthorityPem = cluster.CertificateAuthorityPem,
        ProxyUrl = cluster.ProxyUrl,
        DisableCompression = cluster.DisableCompression,
    };
}
