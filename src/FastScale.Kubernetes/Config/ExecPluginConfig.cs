namespace FastScale.Kubernetes.Config;

/// <summary>A client.authentication.k8s.io credential plugin as the kubeconfig describes it, its command already
/// resolved (a relative path with a separator against the kubeconfig's folder; a bare name through PATH).</summary>
public sealed record ExecPluginConfig(string Command, string ApiVersion)
{
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Added to the plugin's environment, which otherwise is ours.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Send the cluster's server, CA and TLS settings in KUBERNETES_EXEC_INFO.</summary>
    public bool ProvideClusterInfo { get; init; }

    /// <summary>The cluster as KUBERNETES_EXEC_INFO describes it; set when provideClusterInfo is.</summary>
    public ExecClusterInfo? Cluster { get; init; }

    /// <summary>Never or IfAvailable: the plugin gets no stdin and is told it is not interactive either way, since
    /// FastScale runs as a service with no terminal to hand it. Always is refused when the kubeconfig is read.</summary>
    public string InteractiveMode { get; init; } = "Never";

    /// <summary>Shown when the command cannot be started.</summary>
    public string? InstallHint { get; init; }

    /// <summary>How long one run may take before it is killed and the request fails. Default 1 minute.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Where the plugin came from, for errors ("kubeconfig /root/.kube/config, user ack").</summary>
    public string Source { get; init; } = "explicit";
}
