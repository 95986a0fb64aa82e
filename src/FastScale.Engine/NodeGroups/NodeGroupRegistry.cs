using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// All node groups of the policy, and the way from a node or instance id to its group. Each group owns its instances;
/// the index by instance id that makes NodeGroupForNode a hash lookup is derived from the groups' records
/// (<see cref="InstanceIndex"/>).
/// </summary>
public sealed class NodeGroupRegistry
{
    private readonly Dictionary<string, NodeGroup> _groups;
    private readonly InstanceIndex _index = new();
    private volatile ScalePolicy _policy;

    public NodeGroupRegistry(ScalePolicy policy)
    {
        _policy = policy;
        _groups = policy.NodeGroups.ToDictionary(g => g.Id, g => new NodeGroup(g, NodeTemplateBuilder.Build(policy, g), policy.Region, _index), StringComparer.Ordinal);
        Groups = [.. policy.NodeGroups.Select(g => _groups[g.Id])];
        foreach (var group in Groups)
        {
            group.Launched = (g, ids) => InstancesLaunched?.Invoke(g, ids);
        }
    }

    /// <summary>
    /// Raised when the cloud has accepted instances for a group: a RunInstances for a scale-out or a replacement, or a
    /// StartInstances of warm-pool instances. Not raised for instances adopted at start-up (their launch is not ours to
    /// time) nor for failed creations. Handlers run on the launching thread and must be quick.
    /// </summary>
    public event Action<NodeGroup, IReadOnlyList<string>>? InstancesLaunched;

    /// <summary>
    /// The policy in force: the one owner of it. Starts as the policy given at start-up; only
    /// <see cref="Reload.PolicyReloader"/> replaces it (<see cref="Apply"/>), so every reader sees the current one.
    /// </summary>
    public ScalePolicy Policy => _policy;

    /// <summary>Groups in the policy's preference order.</summary>
    public IReadOnlyList<NodeGroup> Groups { get; }

    /// <summary>False until the groups have been rebuilt from the cloud; until then size changes are refused.</summary>
    public bool IsRecovered { get; private set; }

    public NodeGroup? Find(string id) => _groups.GetValueOrDefault(id);

    /// <summary>The group owning a node, by providerID (any accepted form) or, for unregistered instances, by name.</summary>
    public NodeGroup? FindForNode(NodeRef node)
    {
        return Lookup(node.ProviderId) ?? Lookup(node.Name);

        NodeGroup? Lookup(string? value) =>
            string.IsNullOrEmpty(value) ? null
            : _index.Find(ProviderIds.InstanceIdOf(value, Policy.Region));
    }

    /// <summary>The instance id a node names, if that instance belongs to <paramref name="group"/>.</summary>
    public string? InstanceIdInGroup(NodeGroup group, NodeRef node)
    {
        foreach (var value in (ReadOnlySpan<string?>)[node.ProviderId, node.Name])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var id = ProviderIds.InstanceIdOf(value, Policy.Region);
            if (ReferenceEquals(_index.Find(id), group))
            {
                return id.ToString();
            }
        }

        return null;
    }

    /// <summary>
    /// What the cluster says of a Node: registered (it exists) and Ready or not, or gone. Nodes of no group are ignored.
    /// The one way the cluster's view reaches the instance records (<see cref="NodeGroup.ObserveNode"/>).
    /// </summary>
    public void ObserveNode(NodeRef node, bool registered, bool ready)
    {
        if (FindForNode(node) is { } group && InstanceIdInGroup(group, node) is { } instanceId)
        {
            group.ObserveNode(instanceId, node.ProviderId, registered, ready);
        }
    }

    internal void MarkRecovered() => IsRecovered = true;

    /// <summary>
    /// Puts <paramref name="next"/> in force. The caller (<see cref="Reload.PolicyReloader"/>) has checked that it has
    /// the same groups in the same order and the same region, so only each group's policy and template change.
    /// </summary>
    internal void Apply(ScalePolicy next)
    {
        foreach (var group in next.NodeGroups)
        {
            _groups[group.Id].Reshape(group, NodeTemplateBuilder.Build(next, group));
        }

        _policy = next;
    }
}
