namespace FastScale.Simulation.Nodes;

/// <summary>How the simulated kubelets behave. <see cref="Validate"/> reports every problem at once.</summary>
public sealed class KubeletSimulatorOptions
{
    /// <summary>How often the cloud is asked for the cluster's instances. Default 1 s (ECS asks for 1–2 s per batch).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before retrying a Node create, patch or delete that failed. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Kubernetes API calls in flight at once. Default 16.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>Seed of the per-instance latency samples: the same seed and instance id give the same delays. Default 1.</summary>
    public int Seed { get; set; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval must be positive, got {PollInterval}");
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            problems.Add($"RetryDelay must be positive, got {RetryDelay}");
        }

        if (Parallelism < 1)
        {
            problems.Add($"Parallelism must be at least 1, got {Parallelism}");
        }

        return problems;
    }
}
