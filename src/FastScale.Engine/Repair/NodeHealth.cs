namespace FastScale.Engine.Repair;

/// <summary>
/// One node's readiness: the status of its Ready condition and when that status began (the condition's
/// lastTransitionTime; null when the node has no Ready condition yet, and then the repairer times it itself).
/// <see cref="Cordoned"/>: the Node is marked unschedulable (a warm-pool instance is parked only once its Node is).
/// </summary>
public readonly record struct NodeHealth(string NodeName, NodeReadiness Readiness, DateTimeOffset? Since, bool Cordoned = false)
{
    public bool IsReady => Readiness == NodeReadiness.Ready;
}
