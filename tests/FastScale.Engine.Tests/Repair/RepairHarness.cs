using FastScale.Engine.Controllers;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Repair;
using FastScale.Engine.Tests.NodeGroups;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.Repair;

/// <summary>
/// The engine with a repairer over an in-memory cloud, fake nodes and a fake clock. Its kubelets register a Ready node
/// for every instance the engine knows as Running, except the ones the test says never boot.
/// </summary>
/// <remarks>
/// The loops are stepped here rather than started as hosted services: since .NET 10 a BackgroundService runs on the
/// thread pool from its first line, which would race the fake clock. Each step does what the two loops do: a reconciler
/// pass (it acts on every signal), and a repair pass every <see cref="RepairOptions.CheckInterval"/>.
/// </remarks>
internal sealed class RepairHarness
{
    private readonly RepairOptions _options = new();
    private DateTimeOffset? _nextRepair;

    private RepairHarness(ScalePolicy policy, InMemoryCloudOptions? cloudOptions)
    {
        Engine = new EngineHarness(policy, cloudOptions: cloudOptions);
        Repairer = new Repairer(
            Engine.Registry, Engine.Paced, Engine.Launcher, Engine.Batches, Engine.Signal, Nodes, Warm,
            _options, Metrics, Engine.Time, Log);
    }

    public EngineHarness Engine { get; }
    public FakeNodeHealthSource Nodes { get; } = new();
    public SetWarmInstances Warm { get; } = new();
    public RepairMetrics Metrics { get; } = new();
    public ListLogger<Repairer> Log { get; } = new();
    public Repairer Repairer { get; }

    /// <summary>Instances whose node never registers.</summary>
    public HashSet<string> NeverBoot { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances whose node never registers, by what they are (an image that does not boot).</summary>
    public Func<GroupInstance, bool> NeverBoots { get; set; } = _ => false;

    /// <summary>More controllers to pass at every step, after the reconciler and repair (a rollout).</summary>
    public List<IController> AlsoRun { get; } = [];

    /// <summary>Kubelets register nodes only while this is true.</summary>
    public bool KubeletsOn { get; set; } = true;

    public InMemoryCloud Cloud => Engine.Cloud;

    public DateTimeOffset Now => Engine.Time.GetUtcNow();

    public IReadOnlyList<GroupInstance> Instances(string group = "g1") => Engine.Instances(group);

    public static ScalePolicy Policy(Action<RepairPolicy>? configure = null)
    {
        var policy = TestPolicies.OneGroup();
        var repair = policy.NodeGroups[0].Repair;
        repair.RegistrationTimeout = TimeSpan.FromMinutes(5);
        repair.NotReadyTimeout = TimeSpan.FromMinutes(2);
        configure?.Invoke(repair);
        return policy;
    }

    /// <summary>Recovered, and <paramref name="size"/> instances asked for.</summary>
    public static async Task<RepairHarness> StartAsync(ScalePolicy policy, int size, InMemoryCloudOptions? cloudOptions = null)
    {
        var harness = new RepairHarness(policy, cloudOptions);
        await harness.Engine.Reconciler.RecoverAsync(CancellationToken.None);
        if (size > 0)
        {
            Assert.Null(harness.Engine.Engine.IncreaseSize("g1", size));
        }

        return harness;
    }

    /// <summary>Steps the clock by <paramref name="step"/> for <paramref name="duration"/>, with the kubelets acting at each step.</summary>
    public async Task RunAsync(TimeSpan duration, TimeSpan? step = null)
    {
        var until = Now + duration;
        while (Now < until)
        {
            Kubelets();
            Engine.Reconciler.Pass.RunOnce(CancellationToken.None);
            if (_nextRepair is not { } next || Now >= next)
            {
                Repairer.RunOnce(CancellationToken.None);
                _nextRepair = Now + _options.CheckInterval;
            }

            foreach (var controller in AlsoRun)
            {
                controller.RunOnce(CancellationToken.None);
            }

            Engine.Time.Advance(step ?? TimeSpan.FromSeconds(1));
            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
            }
        }

        Kubelets();
    }

    /// <summary>Runs until every instance of the group has a Ready node and the group is at its target.</summary>
    public async Task RunUntilAllReadyAsync(TimeSpan limit)
    {
        var deadline = Now + limit;
        while (!AllReady())
        {
            Assert.True(Now < deadline, "the group did not become all Ready in simulated time");
            await RunAsync(TimeSpan.FromSeconds(1));
        }
    }

    public bool AllReady(string group = "g1")
    {
        var instances = Instances(group);
        return instances.Count == Engine.Engine.TargetSize(group).Value
            && instances.All(i => i.State == InstanceState.Running && Nodes.Find(i.InstanceId) is { IsReady: true });
    }

    /// <summary>Lets the work already started finish; fails if it never does.</summary>
    public async Task StopAsync()
    {
        var deadline = Now + TimeSpan.FromMinutes(5);
        while (!Repairer.IsIdle || !Engine.Reconciler.Pass.IsIdle || AlsoRun.Any(c => !c.IsIdle))
        {
            Assert.True(Now < deadline, "repair or reconciler work did not finish");
            Engine.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }
    }

    private void Kubelets()
    {
        if (!KubeletsOn)
        {
            return;
        }

        foreach (var instance in Instances())
        {
            if (instance.State == InstanceState.Running && !NeverBoot.Contains(instance.InstanceId) && !NeverBoots(instance) && !Nodes.HasNode(instance.InstanceId))
            {
                Nodes.SetReady(instance.InstanceId, Now);
            }
        }
    }
}
