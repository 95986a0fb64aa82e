namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>How <see cref="KubernetesNodeDrainer"/> paces a drain. <see cref="Validate"/> reports every problem at once.</summary>
public sealed class RolloutDrainOptions
{
    /// <summary>Evictions in flight at once for one node. Default 8: a node's pods go in a few rounds, not one request each in turn.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>How often the node's pods are listed again while some remain. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before retrying a pod whose eviction was refused without a Retry-After. Default 1 s, doubled
    /// on each refusal of the same pod up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two evictions of one pod. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Parallelism < 1)
        {
            problems.Add($"Parallelism must be at least 1, got {Parallelism}");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval must be positive, got {PollInterval}");
        }

        if (FirstRetryDelay <= TimeSpan.Zero)
        {
            problems.Add($"FirstRetryDelay must be positive, got {FirstRetryDelay}");
        }

        if (MaxRetryDelay < FirstRetryDelay)
        {
            problems.Add($"MaxRetryDelay ({MaxRetryDelay}) must not be shorter than FirstRetryDelay ({FirstRetryDelay})");
        }

        return problems;
    }
}
