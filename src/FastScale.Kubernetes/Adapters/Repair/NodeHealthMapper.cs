using FastScale.Engine.Repair;
using FastScale.Kubernetes.Adapters.Nodes;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Repair;

/// <summary>A Node's readiness as the engine sees it: Ready as <see cref="NodeReady"/> defines it, or not, and since when.</summary>
internal static class NodeHealthMapper
{
    /// <summary>
    /// Ready is <see cref="NodeReady.IsReady"/>. A Ready condition "False", or "True" while the not-ready taint is still
    /// on (the node lifecycle controller has not caught up, and no pod can land there yet), is NotReady; "Unknown", any
    /// other value, and no Ready condition at all are Unknown (a node the kubelet has not reported on yet, or one the node
    /// controller stopped hearing from). The time is the condition's lastTransitionTime; a node without the condition is
    /// timed from its creation. Cordoned is spec.unschedulable.
    /// </summary>
    public static NodeHealth Map(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = node.Metadata?.Name ?? "";
        var cordoned = node.Spec?.Unschedulable == true;
        var ready = NodeReady.Condition(node);
        if (ready is null)
        {
            return new NodeHealth(name, NodeReadiness.Unknown, node.Metadata?.CreationTimestamp, cordoned);
        }

        var readiness = ready.Status switch
        {
            "True" => NodeReady.IsReady(node) ? NodeReadiness.Ready : NodeReadiness.NotReady,
            "False" => NodeReadiness.NotReady,
            _ => NodeReadiness.Unknown,
        };
        return new NodeHealth(name, readiness, ready.LastTransitionTime, cordoned);
    }
}
