namespace FastScale.Simulation.Nodes;

/// <summary>How the simulated kubelets start the pods bound to their nodes. <see cref="Validate"/> reports every problem at once.</summary>
public sealed class PodStartOptions
{
    /// <summary>
    /// From the moment a pod is seen bound to when its containers run and it turns Ready. Default 3 s: an assumption
    /// for a small image already on the node (no pull) with no readiness probe delay, not a measured figure.
    /// </summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Status writes in flight at once. Default 16.</summary>
    public int Parallelism { get; set; } = 16;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (StartDelay < TimeSpan.Zero)
        {
            problems.Add($"StartDelay must not be negative, got {StartDelay}");
        }

        if (Parallelism < 1)
        {
            problems.Add($"Parallelism must be at least 1, got {Parallelism}");
        }

        return problems;
    }
}
