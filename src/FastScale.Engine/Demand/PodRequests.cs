namespace FastScale.Engine.Demand;

/// <summary>
/// What one pod asks of a node, in exact integer units: cpu in millicores (Kubernetes' own precision), memory and
/// ephemeral storage in bytes, a slot of the node's max-pods, and extended resources (nvidia.com/gpu, hugepages-2Mi…)
/// by full name. Absent means zero.
/// </summary>
public sealed record PodRequests(
    long CpuMillis,
    long MemoryBytes,
    long EphemeralStorageBytes = 0,
    IReadOnlyDictionary<string, long>? Extended = null,
    long Pods = 1)
{
    public IReadOnlyDictionary<string, long> ExtendedResources => Extended ?? Empty;

    private static readonly IReadOnlyDictionary<string, long> Empty = new Dictionary<string, long>(StringComparer.Ordinal);
}
