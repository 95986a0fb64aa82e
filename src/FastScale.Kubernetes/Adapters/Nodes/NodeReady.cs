using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Nodes;

/// <summary>
/// The one definition of a Ready node: its Ready condition is True and it no longer carries the not-ready taint.
/// Kubernetes puts that taint on every new Node and the node lifecycle controller lifts it only after the kubelet
/// reports Ready, so a node can be Ready=True and still refuse pods for a moment; the autoscaler counts such a node as
/// not started. Rules on top (fast mode's settle time, a cordon) are their callers' and say so where they apply.
/// </summary>
internal static class NodeReady
{
    public const string ConditionType = "Ready";
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";

    public static bool IsReady(Node node) => Condition(node) is { Status: "True" } && !HasNotReadyTaint(node);

    /// <summary>The node's Ready condition, or null before the kubelet has reported one.</summary>
    public static NodeCondition? Condition(Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => string.Equals(c.Type, ConditionType, StringComparison.Ordinal));

    public static bool HasNotReadyTaint(Node node) => node.Spec?.Taints?.Any(t => t.Key == NotReadyTaint) == true;

    /// <summary>Ready and not cordoned: the scheduler may place pods on it now.</summary>
    public static bool IsReadyAndSchedulable(Node node) => IsReady(node) && node.Spec?.Unschedulable != true;
}
