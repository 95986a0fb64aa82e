using System.Collections.Concurrent;
using FastScale.Engine.Policy;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// All node groups of the policy, and an index from instance id to group so that NodeGroupForNode — called once per
/// node in every autoscaler loop — is a hash lookup with no allocation.
/// </summary>
public sealed class NodeGroupRegistry
{
    private readonly Dictionary<string, NodeGroup> _groups;
    private readonly ConcurrentDictionary<string, NodeGroup> _byInstanceId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NodeGroup>.AlternateLookup<ReadOnlySpan<char>> _byInstanceIdSpan;

    public NodeGroupRegistry(ScalePolicy policy)
    {
        Policy = policy;
        _groups = policy.NodeGroups.ToDictionary(g => g.Id, g => new NodeGroup(g, NodeTemplateBuilder.Build(policy, g)), StringComparer.Ordinal);
        Groups = [.. policy.NodeGroups.Select(g => _groups[g.Id])];
        _byInstanceIdSpan = _byInstanceId.GetAlternateLookup<ReadOnlySpan<char>>();
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

    public ScalePolicy Policy { get; }

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
            : _byInstanceIdSpan.TryGetValue(ProviderIds.InstanceIdOf(value, Policy.Region), out var group) ? group
            : null;
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
            if (_byInstanceIdSpan.TryGetValue(id, out var owner) && ReferenceEquals(owner, group))
            {
                return id.ToString();
            }
        }

        return null;
    }

    internal void Index(string instanceId, NodeGroup group) => _byInstanceId[instanceId] = group;

    internal void Unindex(string instanceId) => _byInstanceId.TryRemove(instanceId, out _);

    internal void MarkRecovered() => IsRecovered = true;
}
