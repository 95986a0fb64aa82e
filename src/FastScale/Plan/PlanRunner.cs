using FastScale.Burst;
using FastScale.Engine.NodeGroups;

namespace FastScale.Plan;

/// <summary>
/// Computes one scenario in simulated time: the same scenarios as <c>fastscale burst</c> (what <see cref="BurstConditions"/>
/// sets up), the same engine code, but on a <see cref="Simulation.VirtualTime.VirtualTimeProvider"/> that jumps from one
/// due timer to the next, on one dedicated thread with no synchronization context, so every continuation the engine
/// awaits runs inline and a run is deterministic for a seed. A 1,000-node burst takes a second or two of wall time.
/// </summary>
/// <remarks>
/// Kinds: cold, warm (the pool filled to N before t = 0), throttled, stockout, notonsale, ipexhausted, flaky, brake,
/// restart and fastmode (N pending pods at t = 0, placed by <see cref="PlanPods"/>, the demand found by the provider's own
/// fast mode), as in a burst at its instant tempo. Other tempos need the API's client rates, which a plan does not model.
/// </remarks>
internal static class PlanRunner
{
    /// <summary>The scenario kinds a plan computes.</summary>
    public static readonly IReadOnlySet<BurstCondition> SupportedConditions = new HashSet<BurstCondition>
    {
        BurstCondition.None, BurstCondition.Warm, BurstCondition.Throttled, BurstCondition.StockOut, BurstCondition.NotOnSale,
        BurstCondition.IpExhausted, BurstCondition.Flaky, BurstCondition.Brake, BurstCondition.Restart,
    };

    /// <summary>Null when the scenario can be planned; otherwise why not.</summary>
    public static string? Unsupported(BurstScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Faults is not null)
        {
            // A reset connection, a withheld answer or a held-back response exists only on a socket; a plan has none.
            return $"scenario '{scenario.Name}' injects its faults on the wire (API server and ECS connections), which plan's in-process world does not have; run it with burst";
        }

        if (scenario.Condition == BurstCondition.Rollout)
        {
            // A rollout needs pods, disruption budgets and evictions; plan's in-memory cluster has Nodes and unbound pods only.
            return $"scenario '{scenario.Name}' drains nodes through the Eviction API under PodDisruptionBudgets, which plan's in-memory cluster does not have; run it with burst";
        }

        return SupportedConditions.Contains(scenario.Condition) ? null : $"scenario '{scenario.Name}' is not supported by plan";
    }

    /// <summary>
    /// Runs the scenario on a thread of its own (see the remarks on <see cref="Simulation.VirtualTime.VirtualTimeProvider"/>),
    /// with FastScale or, by <paramref name="policyName"/>, one of the burst's baselines (<see cref="PlanBaselines"/>).
    /// </summary>
    public static Task<PlanRunResult> RunAsync(BurstScenario scenario, PlanSettings settings, TimeProvider wall, string policyName = BurstRunner.FastScalePolicy)
    {
        var done = new TaskCompletionSource<PlanRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(policyName == BurstRunner.FastScalePolicy
                    ? Run(scenario, settings, wall)
                    : PlanBaselines.Run(CheckedSupported(scenario), settings, policyName, wall));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "fastscale-plan",
        };
        thread.Start();
        return done.Task;
    }

    private static BurstScenario CheckedSupported(BurstScenario scenario) =>
        Unsupported(scenario) is { } reason ? throw new InvalidOperationException(reason) : scenario;

    private static PlanRunResult Run(BurstScenario scenario, PlanSettings settings, TimeProvider wall)
    {
        CheckedSupported(scenario);

        var wallStart = wall.GetTimestamp();
        using var world = new PlanWorld(scenario, settings);
        ProviderCrash? crash = null;
        if (scenario.Condition == BurstCondition.Restart)
        {
            // As in a burst: the process dies, so its in-flight calls end at once instead of draining.
            world.StartProvider(ecs => crash = new ProviderCrash(BurstRunner.CrashAtRunInstances(scenario.Nodes), answerLost: true, ecs),
                new ReconcilerOptions { ShutdownTimeout = TimeSpan.Zero });
        }
        else
        {
            world.StartProvider();
        }

        var keepCharging = world.Group.WarmPool.Size > 0 ? FillWarmPool(world, scenario) : 0;

        var measurement = PlanMeasurement.AtStart(world);
        if (scenario.Demand == BurstDemand.PendingPods)
        {
            world.Pods.Create(scenario.Nodes);
        }
        else
        {
            world.IncreaseSize(scenario.Nodes);
        }

        var deadline = measurement.T0 + scenario.Timeout;
        var restart = crash is null ? null : PlanRestart.Run(world, crash, scenario.Nodes, measurement.T0, deadline);
        var allReady = world.RunUntil(() => world.Kubelets.ReadyCount >= scenario.Nodes, deadline);
        var wallSeconds = wall.GetElapsedTime(wallStart).TotalSeconds;
        var result = measurement.Result(scenario.Nodes, wallSeconds, timedOut: !allReady) with
        {
            RepairPaused = world.Provider.Repairer?.IsBraked(world.Group.Id) == true,
            Restart = restart?.Figures(world.Emulator),
        };
        return new PlanRunResult(result, wallSeconds, world.Time.Fired, world.Time.ForeignThreadCalls, world.Group.WarmPool.Size, keepCharging);
    }

    /// <summary>
    /// Before t = 0 of a warm scenario, or of any run whose group has a warm pool (a warmPool sweep), as
    /// <see cref="WarmPoolPrefill"/> does for a burst: the pool holds its size of stopped instances and none of their Nodes is Ready.
    /// Returns how many of them ECS stopped in standard mode (KeepCharging), as the pool read it back.</summary>
    private static int FillWarmPool(PlanWorld world, BurstScenario scenario)
    {
        var limit = world.Time.GetUtcNow() + scenario.Timeout;
        var full = world.RunUntil(
            () => world.WarmPools.Status(world.Group.Id) is { Size: > 0 } status && status.Ready >= status.Size && !world.Kubelets.ReadyNow().Any(),
            limit);
        if (!full)
        {
            throw new TimeoutException($"the warm pool of '{world.Group.Id}' was not full after {scenario.Timeout.TotalSeconds:0} s simulated: {world.WarmPools.Status(world.Group.Id)}");
        }

        world.Kubelets.Reset();
        return world.WarmPools.Status(world.Group.Id)!.KeepCharging;
    }
}
