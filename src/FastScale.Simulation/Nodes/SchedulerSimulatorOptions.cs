namespace FastScale.Simulation.Nodes;

/// <summary>How the simulated scheduler behaves. <see cref="Validate"/> reports every problem at once.</summary>
public sealed class SchedulerSimulatorOptions
{
    /// <summary>Pods naming another scheduler are left alone; pods naming none are ours. Default <c>default-scheduler</c>.</summary>
    public string SchedulerName { get; set; } = "default-scheduler";

    /// <summary>A cycle runs at least this often even without changes. Default 1 s.</summary>
    public TimeSpan CycleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Changes arriving within this long of the last cycle wait and join the next one. Default 50 ms.</summary>
    public TimeSpan MinCycleGap { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>An unschedulable pod's message is rewritten at most this often while only its wording changes
    /// (a growing cluster changes "0/N" on every node). Default 10 s.</summary>
    public TimeSpan MessageRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a bound pod counts against its node before the cache shows it bound. Default 30 s.</summary>
    public TimeSpan AssumeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Kubernetes API calls in flight at once. Default 16.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>
    /// The scheduler's own Kubernetes API budget for its writes (binds and Unschedulable status patches): requests a
    /// second, as kube-scheduler's <c>clientConnection.qps</c>. 0 (the default) leaves it unpaced. kube-scheduler's own
    /// default is 50 with a burst of 100 (kubernetes/kubernetes pkg/scheduler/apis/config/v1/defaults.go,
    /// SetDefaults_KubeSchedulerConfiguration: "Scheduler has an opinion about QPS/Burst … QPS = 50.0 … Burst = 100";
    /// the field is ClientConnectionConfiguration.qps of https://kubernetes.io/docs/reference/config-api/kube-scheduler-config.v1/).
    /// Its informers' lists and watches are not paced here: they share the simulation's client.
    /// </summary>
    public double Qps { get; set; }

    /// <summary>Writes the scheduler may send at once after a quiet spell, as kube-scheduler's
    /// <c>clientConnection.burst</c>. Used when <see cref="Qps"/> is set. Default 100, kube-scheduler's.</summary>
    public int Burst { get; set; } = 100;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(ApiTokenBucket.Validate(nameof(Qps), Qps, nameof(Burst), Burst));
        if (string.IsNullOrWhiteSpace(SchedulerName))
        {
            problems.Add("SchedulerName must not be empty");
        }

        foreach (var (name, value) in new[] { ("CycleInterval", CycleInterval), ("MessageRefreshInterval", MessageRefreshInterval), ("AssumeTimeout", AssumeTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be positive, got {value}");
            }
        }

        if (MinCycleGap < TimeSpan.Zero)
        {
            problems.Add($"MinCycleGap must not be negative, got {MinCycleGap}");
        }

        if (Parallelism < 1)
        {
            problems.Add($"Parallelism must be at least 1, got {Parallelism}");
        }

        return problems;
    }
}
