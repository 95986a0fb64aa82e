using FastScale.Ecs.Actions;
using FastScale.Engine.Cloud;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>A cloud whose instances the test sets by hand.</summary>
internal sealed class FakeInstanceSource : IInstanceSource
{
    private readonly Dictionary<string, EcsInstance> _instances = new(StringComparer.Ordinal);

    public void Set(string id, string status, string group = "general") =>
        _instances[id] = new EcsInstance(id, status, null, "ecs.g7.large", "cn-hangzhou-h", "m-test-image", null,
            new Dictionary<string, string> { [CloudTags.Cluster] = TestPolicy.ClusterId, [CloudTags.NodeGroup] = group });

    public void Remove(string id) => _instances.Remove(id);

    public Task<CloudResult<IReadOnlyList<EcsInstance>>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(CloudResult<IReadOnlyList<EcsInstance>>.Ok(_instances.Values.ToList()));
}
