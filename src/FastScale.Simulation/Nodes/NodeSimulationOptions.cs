namespace FastScale.Simulation.Nodes;

/// <summary>Options of the kubelet and scheduler simulation together.</summary>
public sealed class NodeSimulationOptions
{
    public KubeletSimulatorOptions Kubelets { get; set; } = new();

    public SchedulerSimulatorOptions Scheduler { get; set; } = new();

    /// <summary>Run the scheduler too. Turn off beside a real kube-scheduler. Default true.</summary>
    public bool RunScheduler { get; set; } = true;

    public IReadOnlyList<string> Validate() => [.. Kubelets.Validate(), .. Scheduler.Validate()];
}
