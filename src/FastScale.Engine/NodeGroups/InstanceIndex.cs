using System.Collections.Concurrent;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Instance id → owning group, for NodeGroupForNode (called once per node in every autoscaler loop: a hash lookup with
/// no allocation). A view derived from the groups' own records: only <see cref="NodeGroup"/> writes it, inside the
/// change that adds or drops a record, so no caller indexes or unindexes by hand.
/// </summary>
internal sealed class InstanceIndex
{
    private readonly ConcurrentDictionary<string, NodeGroup> _byInstanceId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NodeGroup>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public InstanceIndex() => _bySpan = _byInstanceId.GetAlternateLookup<ReadOnlySpan<char>>();

    public NodeGroup? Find(ReadOnlySpan<char> instanceId) => _bySpan.TryGetValue(instanceId, out var group) ? group : null;

    internal void Added(string instanceId, NodeGroup group) => _byInstanceId[instanceId] = group;

    /// <summary>Drops the entry only while it still names <paramref name="group"/>.</summary>
    internal void Removed(string instanceId, NodeGroup group) =>
        _byInstanceId.TryRemove(new KeyValuePair<string, NodeGroup>(instanceId, group));
}
