using FastScale.Engine.Demand;
using FastScale.Kubernetes.Models;

namespace FastScale.Cluster;

/// <summary>
/// A node can take pods once it is Ready, without the not-ready taint, and has been so for <see cref="SettleTime"/>:
/// the scheduler needs a moment to bind the pods waiting for it, and until it has, they still look pending.
/// </summary>
/// <param name="nodeByProviderId">Usually <see cref="NodeCache.ByProviderId"/>.</param>
internal sealed class KubernetesNodeReadiness(Func<string, Node?> nodeByProviderId, TimeProvider time) : INodeReadiness
{
    private const string NotReadyTaint = "node.kubernetes.io/not-ready";

    /// <summary>How long a node must have been Ready before pods still pending count as needing more capacity.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(5);

    public bool CanTakePods(string providerId) => nodeByProviderId(providerId) is { } node && IsSettled(node);

    private bool IsSettled(Node node)
    {
        if (node.Spec?.Taints?.Any(t => t.Key == NotReadyTaint) == true)
        {
            return false;
        }

        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return ready is { Status: "True" } && (ready.LastTransitionTime is not { } since || time.GetUtcNow() - since >= SettleTime);
    }
}
