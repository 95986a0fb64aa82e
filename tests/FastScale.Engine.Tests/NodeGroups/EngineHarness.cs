using FastScale.Engine.Launch;
using FastScale.Engine.Leadership;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.NodeGroups;

/// <summary>The engine over an in-memory cloud and a fake clock, wired as the provider wires it.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(ScalePolicy policy, InMemoryCloud? cloud = null, InMemoryCloudOptions? cloudOptions = null, FakeTimeProvider? time = null, ReplicaRole? role = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        CloudOptions = cloudOptions ?? new InMemoryCloudOptions();
        Cloud = cloud ?? new InMemoryCloud(CloudOptions, Time);
        Batches = new LaunchBatchSequence(Time);
        Registry = new NodeGroupRegistry(policy);
        Signal = new ScaleSignal();
        Role = role ?? ReplicaRole.Single();
        Engine = new NodeGroupEngine(Registry, Signal, Role);
        Budget = new CloudApiBudget(policy, new CloudApiBudgetOptions(), Time, NullLogger<CloudApiBudget>.Instance);
        Paced = new PacedCloud(Cloud, Budget, NullLogger<PacedCloud>.Instance);
        Launcher = new Launcher(Paced, new LauncherOptions { Jitter = new Random(7).NextDouble }, Time, NullLogger<Launcher>.Instance);
        Reconciler = new NodeGroupReconciler(Registry, Paced, Launcher, Signal, new ReconcilerOptions(), Time, NullLogger<NodeGroupReconciler>.Instance, batches: Batches, role: Role);
    }

    public FakeTimeProvider Time { get; }
    public InMemoryCloudOptions CloudOptions { get; }
    public InMemoryCloud Cloud { get; }

    /// <summary>The paced cloud over <see cref="Cloud"/>, as the engine calls it.</summary>
    public PacedCloud Paced { get; }
    public NodeGroupRegistry Registry { get; }
    public ScaleSignal Signal { get; }
    public ReplicaRole Role { get; }
    public NodeGroupEngine Engine { get; }
    public CloudApiBudget Budget { get; }
    public Launcher Launcher { get; }
    public LaunchBatchSequence Batches { get; }
    public NodeGroupReconciler Reconciler { get; }

    public static async Task<EngineHarness> RecoveredAsync(
        ScalePolicy policy, InMemoryCloud? cloud = null, InMemoryCloudOptions? options = null, FakeTimeProvider? time = null, ReplicaRole? role = null)
    {
        var harness = new EngineHarness(policy, cloud, options, time, role);
        await harness.Reconciler.RecoverAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>One reconciler pass, then the fake clock stepped until the work it started is done.</summary>
    public async Task ReconcileAsync()
    {
        Reconciler.Pass.RunOnce(CancellationToken.None);
        await SettleAsync();
    }

    /// <summary>Steps the clock until the reconciler is idle; fails rather than hangs when it never gets there.</summary>
    public async Task SettleAsync(TimeSpan? step = null, TimeSpan? limit = null)
    {
        var deadline = Time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(30));
        while (!Reconciler.Pass.IsIdle)
        {
            Assert.True(Time.GetUtcNow() < deadline, "the reconciler's work did not finish in simulated time");
            Time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }
    }

    public IReadOnlyList<GroupInstance> Instances(string group = "g1") => Engine.Nodes(group).Value!;
}
