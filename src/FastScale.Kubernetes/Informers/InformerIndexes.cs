using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Informers;

/// <summary>Index functions FastScale uses. An index function maps an object to the values it is found under
/// (none, one or several); <see cref="IInformer{T}.GetByIndex"/> looks objects up by value.</summary>
public static class InformerIndexes
{
    public const string ProviderId = "providerID";
    public const string NodeName = "spec.nodeName";

    public static IEnumerable<string> NodeByProviderId(Node node) =>
        string.IsNullOrEmpty(node.Spec?.ProviderId) ? [] : [node.Spec.ProviderId];

    /// <summary>Pods bound to a node, for "what runs on node X" without a list call.</summary>
    public static IEnumerable<string> PodByNodeName(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName) ? [] : [pod.Spec.NodeName];

    public static IReadOnlyDictionary<string, Func<Node, IEnumerable<string>>> ForNodes { get; } =
        new Dictionary<string, Func<Node, IEnumerable<string>>> { [ProviderId] = NodeByProviderId };

    public static IReadOnlyDictionary<string, Func<Pod, IEnumerable<string>>> ForPods { get; } =
        new Dictionary<string, Func<Pod, IEnumerable<string>>> { [NodeName] = PodByNodeName };
}
