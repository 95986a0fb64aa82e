using FastScale.Engine.NodeGroups;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Adapters.Nodes;

/// <summary>
/// Nodes indexed by the instance id their providerID names, parsed by <see cref="ProviderIds"/>: a lookup by any
/// accepted form (<c>&lt;region&gt;.&lt;id&gt;</c>, <c>alicloud://&lt;region&gt;.&lt;id&gt;</c>, the bare id) finds the node
/// whichever form the node itself carries. Keying by the raw providerID string would find only the same spelling.
/// </summary>
internal static class NodeIndexes
{
    public const string InstanceId = "instanceId";

    public static IReadOnlyDictionary<string, Func<Node, IEnumerable<string>>> ForNodes { get; } =
        new Dictionary<string, Func<Node, IEnumerable<string>>> { [InstanceId] = Keys };

    /// <summary>The nodes of the instance <paramref name="providerIdOrInstanceId"/> names, from an informer built with <see cref="ForNodes"/>.</summary>
    public static IReadOnlyList<Node> NodesOf(IInformer<Node> nodes, string providerIdOrInstanceId) =>
        nodes.GetByIndex(InstanceId, ProviderIds.InstanceIdOf(providerIdOrInstanceId));

    /// <summary>The instance id the node's providerID names; null while it has none.</summary>
    public static string? InstanceIdOf(Node node) =>
        node.Spec?.ProviderId is { Length: > 0 } providerId ? ProviderIds.InstanceIdOf(providerId) : null;

    private static IEnumerable<string> Keys(Node node) => InstanceIdOf(node) is { } id ? [id] : [];
}
