using System.Collections.Concurrent;
using FastScale.Engine.Demand;

namespace FastScale.Engine.Tests.Demand;

internal sealed class RecordingDemandEvents : IDemandEvents
{
    public ConcurrentQueue<UnplacedPod> Unplaceable { get; } = new();
    public ConcurrentQueue<DemandDecision> Increases { get; } = new();

    public void PodUnplaceable(UnplacedPod pod) => Unplaceable.Enqueue(pod);

    public void GroupIncreased(DemandDecision decision) => Increases.Enqueue(decision);
}
