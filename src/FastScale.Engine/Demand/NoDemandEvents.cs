namespace FastScale.Engine.Demand;

/// <summary>For hosts with nowhere to send events: the log and the metrics still carry everything.</summary>
public sealed class NoDemandEvents : IDemandEvents
{
    public void PodUnplaceable(UnplacedPod pod)
    {
    }

    public void GroupIncreased(DemandDecision decision)
    {
    }
}
