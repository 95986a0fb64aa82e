using FastScale.Ecs.Actions;
using FastScale.Engine.Cloud;
using FastScale.Simulation.Machines;
using FastScale.Simulation.Nodes;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>A cloud whose instances the test sets by hand, described as ECS describes them (the group's instance type
/// of <see cref="TestPolicy"/>, with its vCPUs and memory).</summary>
internal sealed class FakeInstanceSource : IInstanceSource
{
    private readonly Dictionary<string, EcsInstance> _instances = new(StringComparer.Ordinal);

    public void Set(string id, string status, string group = "general")
    {
        var type = InstanceTypeCatalog.Embedded.Find(group == "gpu" ? TestPolicy.GpuType : TestPolicy.GeneralType)!;
        _instances[id] = new EcsInstance(id, status, null, type.Name, "cn-hangzhou-h", "m-test-image", null,
            new Dictionary<string, string> { [CloudTags.Cluster] = TestPolicy.ClusterId, [CloudTags.NodeGroup] = group })
        {
            RegionId = TestPolicy.Region,
            OSType = "linux",
            Cpu = type.Cpu,
            MemoryMiB = type.MemoryMiB,
        };
    }

    public void Remove(string id) => _instances.Remove(id);

    public Task<CloudResult<IReadOnlyList<EcsInstance>>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(CloudResult<IReadOnlyList<EcsInstance>>.Ok(_instances.Values.ToList()));
}
