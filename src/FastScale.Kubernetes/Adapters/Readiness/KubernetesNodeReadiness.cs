using FastScale.Engine.Demand;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Readiness;

/// <summary>
/// A node can take pods once it is Ready (<see cref="NodeReady"/>) and has been so for <see cref="SettleTime"/>: the
/// scheduler needs a moment to bind the pods waiting for it, and until it has, they still look pending.
/// </summary>
/// <param name="nodeByProviderId">Usually <see cref="NodeCache.ByProviderId"/>.</param>
internal sealed class KubernetesNodeReadiness(Func<string, Node?> nodeByProviderId, TimeProvider time) : INodeReadiness
{
    /// <summary>How long a node must have been Ready before pods still pending count as needing more capacity.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(5);

    public bool CanTakePods(string providerId) => nodeByProviderId(providerId) is { } node && IsSettled(node);

    private bool IsSettled(Node node)
    {
        // The settle time is fast mode's own rule on top of Ready, timed from the condition's last transition.
        return NodeReady.IsReady(node) &&
            (NodeReady.Condition(node)!.LastTransitionTime is not { } since || time.GetUtcNow() - since >= SettleTime);
    }
}
