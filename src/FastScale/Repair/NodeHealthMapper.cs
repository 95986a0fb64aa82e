using FastScale.Engine.Repair;
using FastScale.Kubernetes.Models;

namespace FastScale.Repair;

/// <summary>A Node's readiness as the engine sees it: the status of its <c>Ready</c> condition and since when.</summary>
internal static class NodeHealthMapper
{
    public const string ReadyCondition = "Ready";

    /// <summary>
    /// "True" is Ready, "False" NotReady; "Unknown", any other value, and no Ready condition at all are Unknown (a node
    /// the kubelet has not reported on yet, or one the node controller stopped hearing from). The time is the condition's
    /// lastTransitionTime; a node without the condition is timed from its creation.
    /// </summary>
    public static NodeHealth Map(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = node.Metadata?.Name ?? "";
        var ready = node.Status?.Conditions?.FirstOrDefault(c => string.Equals(c.Type, ReadyCondition, StringComparison.Ordinal));
        if (ready is null)
        {
            return new NodeHealth(name, NodeReadiness.Unknown, node.Metadata?.CreationTimestamp);
        }

        var readiness = ready.Status switch
        {
            "True" => NodeReadiness.Ready,
            "False" => NodeReadiness.NotReady,
            _ => NodeReadiness.Unknown,
        };
        return new NodeHealth(name, readiness, ready.LastTransitionTime);
    }
}
