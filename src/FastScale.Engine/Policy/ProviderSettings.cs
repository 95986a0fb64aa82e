namespace FastScale.Engine.Policy;

public sealed class ProviderSettings
{
    /// <summary>Raise a group's target as soon as pods go unschedulable, ahead of the autoscaler's loop. Default on.</summary>
    public bool FastMode { get; set; } = true;

    /// <summary>Label the autoscaler uses to tell GPU nodes apart (GPULabel RPC).</summary>
    public string GpuLabel { get; set; } = "aliyun.accelerator/nvidia_name";

    /// <summary>GPU types offered, answered by GetAvailableGPUTypes.</summary>
    public List<string> GpuTypes { get; set; } = [];
}
