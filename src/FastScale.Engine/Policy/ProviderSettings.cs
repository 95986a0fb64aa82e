namespace FastScale.Engine.Policy;

public sealed class ProviderSettings
{
    /// <summary>Raise a group's target as soon as pods go unschedulable, ahead of the autoscaler's loop. Default on.</summary>
    public bool FastMode { get; set; } = true;

    /// <summary>Fast mode decides once pod changes pause this long, so a burst of pods becomes one decision. Default 50 ms.</summary>
    public TimeSpan FastModeIdle { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>…or at the latest this long after the first change of a burst, so a steady stream still gets decisions. Default 500 ms.</summary>
    public TimeSpan FastModeMax { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A launch of fewer than 100 instances waits up to this long after the group's previous RunInstances call, and
    /// every increase in that time joins it, so pods that trickle in become calls of tens of instances. A full call, and
    /// the first call of a burst, never wait. Default 1 s.
    /// </summary>
    public TimeSpan LaunchBatchWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The cluster-autoscaler's tolerance for NotReady Nodes, as the cluster runs it: parked warm-pool Nodes count
    /// against it, so the warm pools keep them well inside it.
    /// </summary>
    public UnreadyTolerance AutoscalerUnreadyTolerance { get; set; } = new();

    /// <summary>Label the autoscaler uses to tell GPU nodes apart (GPULabel RPC).</summary>
    public string GpuLabel { get; set; } = "aliyun.accelerator/nvidia_name";

    /// <summary>GPU types offered, answered by GetAvailableGPUTypes.</summary>
    public List<string> GpuTypes { get; set; } = [];
}
