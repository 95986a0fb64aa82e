using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.WarmPool;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.WarmPool;

/// <summary>The engine with warm pools over an in-memory cloud and a fake clock, wired as the provider wires it.</summary>
internal sealed class WarmPoolHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public WarmPoolHarness(ScalePolicy policy, InMemoryCloud? cloud = null, InMemoryCloudOptions? cloudOptions = null, FakeTimeProvider? time = null,
        WarmPoolOptions? options = null, ILogger<WarmPoolManager>? logger = null, INodeHealthSource? nodes = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        CloudOptions = cloudOptions ?? new InMemoryCloudOptions();
        Cloud = cloud ?? new InMemoryCloud(CloudOptions, Time);
        Batches = new LaunchBatchSequence(Time);
        Registry = new NodeGroupRegistry(policy);
        Signal = new ScaleSignal();
        Engine = new NodeGroupEngine(Registry, Signal);
        Budget = new CloudApiBudget(policy, new CloudApiBudgetOptions(), Time, NullLogger<CloudApiBudget>.Instance);
        Paced = new PacedCloud(Cloud, Budget, NullLogger<PacedCloud>.Instance);
        Launcher = new Launcher(Paced, new LauncherOptions { Jitter = new Random(7).NextDouble }, Time, NullLogger<Launcher>.Instance);
        WarmPools = new WarmPoolManager(Registry, Paced, Launcher, options ?? new WarmPoolOptions(), Time, logger ?? NullLogger<WarmPoolManager>.Instance, nodes);
        Reconciler = new NodeGroupReconciler(Registry, Paced, Launcher, Signal, new ReconcilerOptions(), Time,
            NullLogger<NodeGroupReconciler>.Instance, WarmPools, Batches);
    }

    /// <summary>The launch-batch numbers the reconciler draws from, continued after recovery from the instances' tags.</summary>
    public LaunchBatchSequence Batches { get; }

    public FakeTimeProvider Time { get; }
    public InMemoryCloudOptions CloudOptions { get; }
    public InMemoryCloud Cloud { get; }

    /// <summary>The paced cloud over <see cref="Cloud"/>, as the engine calls it.</summary>
    public PacedCloud Paced { get; }
    public NodeGroupRegistry Registry { get; }
    public ScaleSignal Signal { get; }
    public NodeGroupEngine Engine { get; }
    public CloudApiBudget Budget { get; }
    public Launcher Launcher { get; }
    public WarmPoolManager WarmPools { get; }
    public NodeGroupReconciler Reconciler { get; }

    public WarmPoolStatus Pool => WarmPools.Status("g1")!;

    public static ScalePolicy Policy(int poolSize, int maxSize = 1000)
    {
        var policy = TestPolicies.OneGroup(maxSize);
        policy.NodeGroups[0].WarmPool.Size = poolSize;
        return policy;
    }

    public static async Task<WarmPoolHarness> RecoveredAsync(ScalePolicy policy, InMemoryCloud? cloud = null, InMemoryCloudOptions? cloudOptions = null,
        FakeTimeProvider? time = null, WarmPoolOptions? options = null, ILogger<WarmPoolManager>? logger = null, INodeHealthSource? nodes = null)
    {
        var harness = new WarmPoolHarness(policy, cloud, cloudOptions, time, options, logger, nodes);
        await harness.Reconciler.RecoverAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>
    /// Runs reconciler passes every 100 ms of fake time (the provider runs one per signal or poll interval) until
    /// <paramref name="done"/> holds and the work they started is finished; fails rather than hangs.
    /// </summary>
    public async Task RunUntilAsync(Func<bool> done, TimeSpan? limit = null, CancellationToken cancellationToken = default)
    {
        var deadline = Time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            Reconciler.Pass.RunOnce(cancellationToken);
            await Task.Yield();
            if (done() && Reconciler.Pass.IsIdle)
            {
                return;
            }

            Assert.True(Time.GetUtcNow() < deadline, "the engine did not get there in simulated time");
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Runs reconciler passes every 100 ms of fake time for <paramref name="span"/>, whatever is still under way.</summary>
    public async Task RunForAsync(TimeSpan span)
    {
        var until = Time.GetUtcNow() + span;
        while (Time.GetUtcNow() < until)
        {
            Reconciler.Pass.RunOnce(CancellationToken.None);
            await Task.Yield();
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Passes until the pool holds its size Ready and nothing else is under way.</summary>
    public Task FillAsync() => RunUntilAsync(() => Pool.Ready == Pool.Size && Pool.Filling == Pool.Size);

    public IReadOnlyList<GroupInstance> Nodes(string group = "g1") => Engine.Nodes(group).Value!;

    public async Task<IReadOnlyList<CloudInstance>> InCloudAsync() => (await Cloud.ListAllPagesAsync("test", CancellationToken.None)).Value!;

    public IReadOnlyList<CloudCall> CallsOf(CloudAction action, DateTimeOffset? since = null) =>
        [.. Cloud.Calls.Where(c => c.Action == action && c.At >= (since ?? DateTimeOffset.MinValue))];
}
