namespace FastScale.Simulation.Workloads;

/// <summary>How the simulated ReplicaSet controller behaves. <see cref="Validate"/> reports every problem at once.</summary>
public sealed class ReplicaSetControllerOptions
{
    /// <summary>
    /// How long a pod the controller created counts as existing before its informer shows it, as the real controller's
    /// expectations do (they expire after 5 minutes). Default 5 minutes.
    /// </summary>
    public TimeSpan ExpectationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>API writes in flight at once. Default 16.</summary>
    public int Parallelism { get; set; } = 16;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ExpectationTimeout <= TimeSpan.Zero)
        {
            problems.Add($"ExpectationTimeout must be positive, got {ExpectationTimeout}");
        }

        if (Parallelism < 1)
        {
            problems.Add($"Parallelism must be at least 1, got {Parallelism}");
        }

        return problems;
    }
}
