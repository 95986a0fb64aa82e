using FastScale.Kubernetes.Models;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Simulation.Nodes;

/// <summary>
/// The per-node Lease a kubelet renews as its cheap heartbeat (coordination.k8s.io/v1 in <c>kube-node-lease</c>, named
/// after the node). Owned by the Node, so a real API server's garbage collector removes it with the Node.
/// </summary>
internal static class NodeLeases
{
    public const string Namespace = "kube-node-lease";

    /// <summary>The whole Lease as written on create and on each renewal; <paramref name="resourceVersion"/> guards a
    /// replace (409 when someone wrote the Lease since).</summary>
    public static Lease Build(string nodeName, string? nodeUid, TimeSpan duration, DateTimeOffset now, string? resourceVersion) =>
        new()
        {
            Metadata = new ObjectMeta
            {
                Name = nodeName,
                Namespace = Namespace,
                ResourceVersion = resourceVersion,
                OwnerReferences = nodeUid is null
                    ? null
                    : [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid }],
            },
            Spec = new LeaseSpec
            {
                HolderIdentity = nodeName,
                LeaseDurationSeconds = (int)duration.TotalSeconds,
                RenewTime = now,
            },
        };

    /// <summary>Where a node's heartbeats fall within their period, in [0, 1): stable per node and seed, so nodes that
    /// registered in the same burst still renew spread across the interval instead of all at once.</summary>
    public static double PhaseOf(int seed, string nodeName) => StableHash.Unit(seed, "node-lease", nodeName);

    /// <summary>The node's next slot after <paramref name="now"/>: the same offset within every period, so a late
    /// renewal does not drift its successors and nodes registered together stay spread.</summary>
    public static DateTimeOffset NextSlot(int seed, string nodeName, DateTimeOffset now, TimeSpan period)
    {
        var offset = (long)(PhaseOf(seed, nodeName) * period.Ticks);
        var periods = ((now.UtcTicks - offset) / period.Ticks) + 1;
        return new DateTimeOffset((periods * period.Ticks) + offset, TimeSpan.Zero);
    }
}
