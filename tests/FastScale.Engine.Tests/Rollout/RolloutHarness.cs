using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Rollout;
using FastScale.Engine.Tests.Repair;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Engine.Tests.Rollout;

/// <summary>
/// A group of Ready nodes with repair and a rollout over the in-memory cloud, fake nodes, a fake drainer and a fake
/// clock. <see cref="ChangeImage"/> is what a policy reload with a new image does. Every step records what the
/// autoscaler and the cluster would see, for the invariants (never below size, never above size + surge).
/// </summary>
internal sealed class RolloutHarness
{
    private RolloutHarness(RepairHarness repair, ScalePolicy policy)
    {
        Repair = repair;
        Policy = policy;
        Drainer = new FakeNodeDrainer(repair.Nodes, repair.Engine.Time);
        Controller = new RolloutController(
            repair.Engine.Registry, repair.Engine.Paced, repair.Engine.Launcher, repair.Engine.Batches, repair.Nodes, Drainer, Events,
            repair.Warm, new RolloutOptions(), Metrics, repair.Engine.Time, NullLogger<RolloutController>.Instance, repairer: repair.Repairer);
        repair.AlsoRun.Add(Controller);
    }

    public RepairHarness Repair { get; }
    public ScalePolicy Policy { get; private set; }
    public FakeNodeDrainer Drainer { get; }
    public RecordedRolloutEvents Events { get; } = new();
    public RolloutMetrics Metrics { get; } = new();
    public RolloutController Controller { get; }

    /// <summary>Fewest Ready, uncordoned nodes seen at any step after the image changed.</summary>
    public int FewestAvailable { get; private set; } = int.MaxValue;

    /// <summary>Most live instances (not being released) seen at any step.</summary>
    public int MostInstances { get; private set; }

    public static async Task<RolloutHarness> ReadyAsync(int size, Action<RolloutPolicy>? configure = null)
    {
        var policy = RepairHarness.Policy();
        policy.NodeGroups[0].Rollout.DrainTimeout = TimeSpan.FromMinutes(2);
        configure?.Invoke(policy.NodeGroups[0].Rollout);
        var repair = await RepairHarness.StartAsync(policy, size);
        var harness = new RolloutHarness(repair, policy);
        await repair.RunUntilAllReadyAsync(TimeSpan.FromMinutes(5));
        return harness;
    }

    public IReadOnlyList<GroupInstance> Instances => Repair.Instances();

    /// <summary>Instances the cloud was asked to create, over the whole run.</summary>
    public int Created => Repair.Cloud.LaunchRequests.Sum(r => r.Amount);

    public int Target => Repair.Engine.Engine.TargetSize("g1").Value;

    /// <summary>A reload of the policy with <paramref name="change"/> applied to the group (a new image, a pause…).</summary>
    public void Reload(Action<NodeGroupPolicy> change)
    {
        var next = RepairHarness.Policy();
        var group = next.NodeGroups[0];
        var current = Policy.NodeGroups[0];
        (group.ImageId, group.Repair, group.Rollout) = (current.ImageId, current.Repair, Clone(current.Rollout));
        change(group);
        Policy = next;
        Repair.Engine.Registry.Apply(next);
    }

    public void ChangeImage(string imageId) => Reload(g => g.ImageId = imageId);

    /// <summary>Runs in steps of one second, watching the invariants, until <paramref name="done"/> or <paramref name="limit"/>.</summary>
    public async Task RunAsync(TimeSpan limit, Func<RolloutHarness, bool>? done = null)
    {
        var until = Repair.Now + limit;
        while (Repair.Now < until && done?.Invoke(this) != true)
        {
            await Repair.RunAsync(TimeSpan.FromSeconds(1));
            var live = Instances.Where(i => i.Lifecycle != InstanceLifecycle.Deleting && !i.IsFailedCreation).ToList();
            MostInstances = Math.Max(MostInstances, live.Count);
            FewestAvailable = Math.Min(FewestAvailable, live.Count(i => Repair.Nodes.Find(i.InstanceId) is { IsReady: true, Cordoned: false }));
        }
    }

    public int OnImage(string imageId) => Instances.Count(i => i.Lifecycle != InstanceLifecycle.Deleting && i.Origin?.ImageId == imageId);

    private static RolloutPolicy Clone(RolloutPolicy p) => new()
    {
        MaxSurge = p.MaxSurge, MaxUnavailable = p.MaxUnavailable, DrainTimeout = p.DrainTimeout, OnDrainTimeout = p.OnDrainTimeout,
        Window = p.Window, Paused = p.Paused,
    };
}
