namespace FastScale.Engine.NodeGroups;

/// <summary>
/// A group's instance records by instance id, with the registry's index kept in step and a snapshot shared by readers
/// until the next change. Not thread-safe: <see cref="NodeGroup"/> holds its lock around every call.
/// </summary>
internal sealed class GroupInstanceTable(NodeGroup owner, InstanceIndex index)
{
    private readonly Dictionary<string, GroupInstance> _records = new(StringComparer.Ordinal);
    private GroupInstance[]? _snapshot;

    public GroupInstance[] Snapshot => _snapshot ??= [.. _records.Values];

    public IEnumerable<GroupInstance> Values => _records.Values;

    public IEnumerable<string> Ids => _records.Keys;

    public bool Contains(string instanceId) => _records.ContainsKey(instanceId);

    public bool TryGet(string instanceId, out GroupInstance instance) => _records.TryGetValue(instanceId, out instance!);

    public GroupInstance this[string instanceId] => _records[instanceId];

    /// <summary>Replaces an existing record.</summary>
    public void Set(GroupInstance record)
    {
        _records[record.InstanceId] = record;
        _snapshot = null;
    }

    /// <summary>Adds a record unless one with its id exists; false when it did.</summary>
    public bool Add(GroupInstance record)
    {
        if (!_records.TryAdd(record.InstanceId, record))
        {
            return false;
        }

        index.Added(record.InstanceId, owner);
        _snapshot = null;
        return true;
    }

    public void Remove(string instanceId)
    {
        if (_records.Remove(instanceId))
        {
            index.Removed(instanceId, owner);
            _snapshot = null;
        }
    }

    /// <summary>Records that hold a slot of the target: everything not on its way out.</summary>
    public int LiveCount()
    {
        var live = 0;
        foreach (var instance in _records.Values)
        {
            if (instance.Lifecycle != InstanceLifecycle.Deleting)
            {
                live++;
            }
        }

        return live;
    }
}
