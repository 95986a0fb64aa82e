using FastScale.Engine.Cloud.InMemory;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>The engine over an in-memory cloud and a fake clock, wired as the provider wires it.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(ScalePolicy policy, InMemoryCloud? cloud = null, InMemoryCloudOptions? cloudOptions = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        CloudOptions = cloudOptions ?? new InMemoryCloudOptions();
        Cloud = cloud ?? new InMemoryCloud(CloudOptions, Time);
        Registry = new NodeGroupRegistry(policy);
        Signal = new ScaleSignal();
        Engine = new NodeGroupEngine(Registry, Signal);
        Reconciler = new NodeGroupReconciler(Registry, Cloud, Signal, new ReconcilerOptions(), Time, NullLogger<NodeGroupReconciler>.Instance);
    }

    public FakeTimeProvider Time { get; }
    public InMemoryCloudOptions CloudOptions { get; }
    public InMemoryCloud Cloud { get; }
    public NodeGroupRegistry Registry { get; }
    public ScaleSignal Signal { get; }
    public NodeGroupEngine Engine { get; }
    public NodeGroupReconciler Reconciler { get; }

    public static async Task<EngineHarness> RecoveredAsync(ScalePolicy policy, InMemoryCloud? cloud = null, InMemoryCloudOptions? options = null, FakeTimeProvider? time = null)
    {
        var harness = new EngineHarness(policy, cloud, options, time);
        await harness.Reconciler.RecoverAsync(CancellationToken.None);
        return harness;
    }

    public Task ReconcileAsync() => Reconciler.ReconcileOnceAsync(CancellationToken.None);

    public IReadOnlyList<GroupInstance> Instances(string group = "g1") => Engine.Nodes(group).Value!;
}
