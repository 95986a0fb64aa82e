namespace FastScale.Engine.Policy;

/// <summary>Resources as Kubernetes quantities ("2", "500m", "8Gi"); empty means none.</summary>
public sealed class NodeResources
{
    public string Cpu { get; set; } = "";
    public string Memory { get; set; } = "";
    public string Pods { get; set; } = "";
    public string EphemeralStorage { get; set; } = "";

    /// <summary>Extended resources by full name, e.g. nvidia.com/gpu: "1".</summary>
    public Dictionary<string, string> Extended { get; set; } = new(StringComparer.Ordinal);
}
