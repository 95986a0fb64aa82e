namespace FastScale.Engine.Demand;

/// <summary>
/// What fast mode tells the outside world besides its log, e.g. as Kubernetes Events on the pods. Called on the
/// controller's loop: implementations must return at once (queue the API call, never await it here).
/// </summary>
public interface IDemandEvents
{
    /// <summary>A pod fits no group. Called once per pod uid and reason, not on every re-plan.</summary>
    void PodUnplaceable(UnplacedPod pod);

    /// <summary>Fast mode raised a group's target.</summary>
    void GroupIncreased(DemandDecision decision);
}
