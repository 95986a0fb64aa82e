using System.Collections.Concurrent;
using FastScale.Engine.Repair;

namespace FastScale.Engine.Tests.Repair;

/// <summary>Nodes by instance id, set by the test (or by <see cref="RepairHarness"/>'s kubelets).</summary>
internal sealed class FakeNodeHealthSource : INodeHealthSource
{
    private readonly ConcurrentDictionary<string, NodeHealth> _nodes = new(StringComparer.Ordinal);

    public bool HasSynced { get; set; } = true;

    public bool IsCurrent { get; set; } = true;

    /// <summary>The cluster's Node count: the nodes set here unless the test says otherwise.</summary>
    public int? NodeCountOverride { get; set; }

    public int NodeCount => NodeCountOverride ?? _nodes.Count;

    public NodeHealth? Find(string instanceId) => _nodes.TryGetValue(instanceId, out var node) ? node : null;

    public bool HasNode(string instanceId) => _nodes.ContainsKey(instanceId);

    public void SetReady(string instanceId, DateTimeOffset since) => Set(instanceId, NodeReadiness.Ready, since);

    public void Set(string instanceId, NodeReadiness readiness, DateTimeOffset? since, bool cordoned = false) =>
        _nodes[instanceId] = new NodeHealth("node-" + instanceId, readiness, since, cordoned);

    public void Remove(string instanceId) => _nodes.TryRemove(instanceId, out _);
}
