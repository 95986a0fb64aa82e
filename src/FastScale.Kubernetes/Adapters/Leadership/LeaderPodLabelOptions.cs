namespace FastScale.Kubernetes.Adapters.Leadership;

/// <summary>Which pod <see cref="LeaderPodLabel"/> labels, and how it retries; every default suits a pod in a cluster.</summary>
internal sealed class LeaderPodLabelOptions
{
    /// <summary>The label the <c>fastscale</c> Service selects on: "true" on the active leader's pod, "false" on the others.</summary>
    public const string LabelKey = "fastscale.io/leader";

    /// <summary>This replica's pod (POD_NAME, from the downward API).</summary>
    public required string PodName { get; init; }

    /// <summary>The pod's namespace (POD_NAMESPACE, from the downward API).</summary>
    public required string PodNamespace { get; init; }

    /// <summary>Wait after the first failed patch; it doubles with each failure up to <see cref="RetryMax"/>. Default 1 s.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries. Default 15 s, so a leader is routed to within one lease of the API server answering again.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the label may take to clear on shutdown before the lease is released anyway. Default 2 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(PodName))
        {
            problems.Add("the pod name is empty (set POD_NAME from the downward API)");
        }

        if (string.IsNullOrWhiteSpace(PodNamespace))
        {
            problems.Add("the pod namespace is empty (set POD_NAMESPACE from the downward API)");
        }

        if (RetryInitial <= TimeSpan.Zero || RetryMax < RetryInitial)
        {
            problems.Add($"retry waits must be positive with RetryMax >= RetryInitial (got {RetryInitial} and {RetryMax})");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add($"ShutdownTimeout must not be negative (got {ShutdownTimeout})");
        }

        return problems;
    }
}
