using FastScale.Engine.Leadership;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// The autoscaler-facing operations on node groups. Every call answers from memory in microseconds; cloud work is
/// queued for <see cref="NodeGroupReconciler"/>. Until the groups are rebuilt from the cloud, per-group calls answer
/// Unavailable rather than a size that would be wrong.
/// </summary>
/// <remarks>With leader election, only the active leader takes writes (IncreaseSize, DecreaseTargetSize, DeleteNodes):
/// a follower answers Unavailable naming the leader, as the autoscaler reconnects to whichever replica the Service routes
/// it to and retries. Reads are answered by every replica from its own groups.</remarks>
public sealed class NodeGroupEngine(NodeGroupRegistry registry, ScaleSignal signal, ReplicaRole? leadership = null)
{
    private static readonly EngineError NotRecovered = new(EngineErrorKind.Unavailable, "node groups are not recovered from the cloud yet; retry shortly");
    private readonly ReplicaRole _leadership = leadership ?? ReplicaRole.Single();

    public NodeGroupRegistry Registry => registry;

    public IReadOnlyList<NodeGroup> Groups => registry.Groups;

    /// <summary>The group of a node or unregistered instance; null when the node is not ours.</summary>
    public EngineResult<NodeGroup?> ForNode(NodeRef node) =>
        registry.IsRecovered ? EngineResult<NodeGroup?>.Ok(registry.FindForNode(node)) : NotRecovered;

    public EngineResult<NodeGroup> Get(string id) =>
        registry.Find(id) is { } group ? EngineResult<NodeGroup>.Ok(group) : EngineError.GroupNotFound(id);

    public EngineResult<int> TargetSize(string id) => WithGroup(id, g => EngineResult<int>.Ok(g.TargetSize));

    public EngineResult<IReadOnlyList<GroupInstance>> Nodes(string id) =>
        WithGroup(id, g => EngineResult<IReadOnlyList<GroupInstance>>.Ok(g.Instances));

    /// <summary>The autoscaler's Refresh, at the start of each of its loops: a follower re-reads the cloud so what it
    /// answers next is current; the leader's state is always current.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => _leadership.RefreshAsync(cancellationToken);

    public EngineError? IncreaseSize(string id, int delta) => Mutate(id, g => g.IncreaseSize(delta));

    public EngineError? DecreaseTargetSize(string id, int delta) => Mutate(id, g => g.DecreaseTargetSize(delta));

    public EngineError? DeleteNodes(string id, IReadOnlyList<NodeRef> nodes) => Mutate(id, group =>
    {
        var instanceIds = new List<string>(nodes.Count);
        foreach (var node in nodes)
        {
            if (registry.InstanceIdInGroup(group, node) is not { } instanceId)
            {
                return new EngineError(EngineErrorKind.FailedPrecondition,
                    $"node {node.Name} (providerID '{node.ProviderId}') does not belong to node group '{id}'; nothing was deleted");
            }

            instanceIds.Add(instanceId);
        }

        return group.Delete(instanceIds);
    });

    private EngineResult<T> WithGroup<T>(string id, Func<NodeGroup, EngineResult<T>> read)
    {
        if (registry.Find(id) is not { } group)
        {
            return EngineError.GroupNotFound(id);
        }

        return registry.IsRecovered ? read(group) : NotRecovered;
    }

    private EngineError? Mutate(string id, Func<NodeGroup, EngineError?> change)
    {
        if (registry.Find(id) is not { } group)
        {
            return EngineError.GroupNotFound(id);
        }

        if (!registry.IsRecovered)
        {
            return NotRecovered;
        }

        if (!_leadership.IsActive)
        {
            return NotLeading();
        }

        var error = change(group);
        if (error is null)
        {
            signal.Raise();
        }

        return error;
    }

    private EngineError NotLeading() => _leadership.IsLeader
        ? new EngineError(EngineErrorKind.Unavailable, "this replica is taking over as leader and rebuilding its node groups from the cloud; retry shortly")
        : new EngineError(EngineErrorKind.Unavailable, string.IsNullOrEmpty(_leadership.Leader)
            ? "this replica is not the leader and no leader holds the lease right now; retry shortly"
            : $"this replica is not the leader; the leader is '{_leadership.Leader}': retry there");
}
