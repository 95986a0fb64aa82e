namespace FastScale.Engine.Demand;

/// <summary>
/// A pod the scheduler could not place, as the demand planner sees it: what it asks for and where it may go. Built by
/// the host from the cluster's Pod objects; the engine knows nothing of the Kubernetes API.
/// </summary>
/// <param name="UnschedulableSince">When the scheduler first said Unschedulable: the start of the pod's wait, which
/// fast mode's decision latency is measured from.</param>
/// <param name="RequiredNodeAffinity">Required node affinity: the pod fits a node when ANY term matches; empty means no constraint.</param>
public sealed record PendingPod(
    string Namespace,
    string Name,
    string Uid,
    PodRequests Requests,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<NodeSelectorTerm> RequiredNodeAffinity,
    IReadOnlyList<PodToleration> Tolerations,
    DateTimeOffset UnschedulableSince)
{
    public string Key => $"{Namespace}/{Name}";

    public override string ToString() => Key;
}
