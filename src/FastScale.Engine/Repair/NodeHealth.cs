namespace FastScale.Engine.Repair;

/// <summary>
/// One node's readiness: the status of its Ready condition and when that status began (the condition's
/// lastTransitionTime; null when the node has no Ready condition yet, and then the repairer times it itself).
/// </summary>
public readonly record struct NodeHealth(string NodeName, NodeReadiness Readiness, DateTimeOffset? Since)
{
    public bool IsReady => Readiness == NodeReadiness.Ready;
}
