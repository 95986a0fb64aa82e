using FastScale.Engine.Demand;
using FastScale.Engine.Policy;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// A Ready node's free room: its allocatable less what the pods bound to it request (<see cref="BoundPodLedger"/>) and
/// what the pods nominated to it will (<see cref="NominatedPodLedger"/>).
/// None for a node that cannot take new pods whatever its room: not Ready, cordoned, marked for deletion by the
/// autoscaler, or carrying a node condition taint; nor before the bound pods have been listed once.
/// </summary>
/// <param name="nodeByProviderId">Usually <see cref="NodeCache.ByProviderId"/>.</param>
/// <param name="nominated">Null: no nominated pod is counted.</param>
/// <param name="nodesCurrent">Whether the Nodes are listed and followed; null: taken as always.</param>
internal sealed class KubernetesNodeRoom(
    Func<string, Node?> nodeByProviderId, BoundPodLedger pods, NominatedPodLedger? nominated = null, Func<bool>? nodesCurrent = null) : INodeRoom
{
    public bool IsCurrent => pods.IsCurrent && (nodesCurrent?.Invoke() ?? true);

    public bool HoldsPod(PendingPod pod) => pods.Holds(pod.Uid);

    /// <summary>Taint key prefixes and keys that keep new pods off a node, whatever they tolerate in a group's template.</summary>
    private static readonly string[] BlockingTaintPrefixes =
        ["node.kubernetes.io/", "node.cloudprovider.kubernetes.io/", "ToBeDeletedByClusterAutoscaler", "DeletionCandidateOfClusterAutoscaler"];

    public PodRequests? FreeRoom(string providerId)
    {
        if (!pods.HasSynced || nodeByProviderId(providerId) is not { } node || !NodeReady.IsReady(node) || node.Spec?.Unschedulable == true
            || (node.Spec?.Taints ?? []).Any(Blocks) || node.Metadata?.Name is not { Length: > 0 } name)
        {
            return null;
        }

        var allocatable = node.Status?.Allocatable;
        var used = nominated is null ? pods.RequestsOn(name) : Sum(pods.RequestsOn(name), nominated.RequestsOn(name));
        var extended = (allocatable ?? new Dictionary<string, string>())
            .Where(a => a.Key is not ("cpu" or "memory" or "ephemeral-storage" or "pods"))
            .ToDictionary(a => a.Key, a => Amount(allocatable, a.Key) - used.ExtendedResources.GetValueOrDefault(a.Key), StringComparer.Ordinal);
        return new PodRequests(
            Amount(allocatable, "cpu", 1000) - used.CpuMillis,
            Amount(allocatable, "memory") - used.MemoryBytes,
            Amount(allocatable, "ephemeral-storage") - used.EphemeralStorageBytes,
            extended,
            Amount(allocatable, "pods") - used.Pods);
    }

    private static PodRequests Sum(PodRequests a, PodRequests b)
    {
        var extended = new Dictionary<string, long>(a.ExtendedResources, StringComparer.Ordinal);
        foreach (var (name, amount) in b.ExtendedResources)
        {
            extended[name] = extended.GetValueOrDefault(name) + amount;
        }

        return new PodRequests(a.CpuMillis + b.CpuMillis, a.MemoryBytes + b.MemoryBytes, a.EphemeralStorageBytes + b.EphemeralStorageBytes, extended, a.Pods + b.Pods);
    }

    /// <summary>Rounded down: never promise more room than exists.</summary>
    private static long Amount(IReadOnlyDictionary<string, string>? quantities, string name, decimal scale = 1) =>
        quantities is not null && quantities.TryGetValue(name, out var text) && Quantity.TryParse(text, out var amount)
            ? (long)decimal.Floor(Math.Min(amount * scale, long.MaxValue))
            : 0;

    private static bool Blocks(Taint taint) =>
        taint.Effect is "NoSchedule" or "NoExecute" && BlockingTaintPrefixes.Any(p => taint.Key?.StartsWith(p, StringComparison.Ordinal) == true);
}
