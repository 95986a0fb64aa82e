namespace FastScale.Simulation.Nodes;

/// <summary>Options of the kubelet and scheduler simulation together.</summary>
public sealed class NodeSimulationOptions
{
    public KubeletSimulatorOptions Kubelets { get; set; } = new();

    public SchedulerSimulatorOptions Scheduler { get; set; } = new();

    /// <summary>Run the scheduler too. Turn off beside a real kube-scheduler. Default true.</summary>
    public bool RunScheduler { get; set; } = true;

    public PodStartOptions PodStart { get; set; } = new();

    public Workloads.ReplicaSetControllerOptions ReplicaSets { get; set; } = new();

    /// <summary>
    /// Also start bound pods (Running and Ready after <see cref="PodStartOptions.StartDelay"/>) and keep ReplicaSets at
    /// their replica count, so evicted pods come back (an image rollout's drain needs both). Default false: a scale-out
    /// burst needs neither, and their writes would load the API the burst measures.
    /// </summary>
    public bool RunWorkloads { get; set; }

    public IReadOnlyList<string> Validate() => [.. Kubelets.Validate(), .. Scheduler.Validate(), .. PodStart.Validate(), .. ReplicaSets.Validate()];
}
