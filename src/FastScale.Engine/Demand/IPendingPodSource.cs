using System.Threading.Channels;

namespace FastScale.Engine.Demand;

/// <summary>
/// The pods the scheduler could not place, kept current by the host (from a pod informer in the provider, from the
/// simulation in tests). The engine only reads.
/// </summary>
public interface IPendingPodSource
{
    /// <summary>
    /// Every change from now on: a pod became unschedulable (Added), changed while still unschedulable (Updated), or was
    /// bound, deleted or finished (Removed). Pods already pending when the reader starts arrive first as Added.
    /// </summary>
    ChannelReader<PendingPodChange> Changes { get; }

    /// <summary>All pods pending now: what a decision plans over.</summary>
    IReadOnlyList<PendingPod> Snapshot();
}
