namespace FastScale.Engine.Policy;

/// <summary>Per-group options answered by NodeGroupGetOptions; null means "the autoscaler's default".</summary>
public sealed class AutoscalingOptionsPolicy
{
    public double? ScaleDownUtilizationThreshold { get; set; }
    public double? ScaleDownGpuUtilizationThreshold { get; set; }
    public TimeSpan? ScaleDownUnneededTime { get; set; }
    public TimeSpan? ScaleDownUnreadyTime { get; set; }
    public TimeSpan? MaxNodeProvisionTime { get; set; }
    public TimeSpan? MaxNodeStartupTime { get; set; }
    public bool? ZeroOrMaxNodeScaling { get; set; }
    public bool? IgnoreDaemonSetsUtilization { get; set; }
    public bool? AllowNonAtomicScaleUpToMax { get; set; }
}
