using FastScale.Baselines;
using FastScale.Burst;

namespace FastScale.Plan;

/// <summary>
/// The baselines of a burst (<see cref="UpstreamBaseline"/>, <see cref="NaiveBaseline"/>) computed in simulated time, each
/// on a fresh <see cref="PlanWorld"/> with no provider, the same scenario and seed as FastScale's plan, measured with the
/// same definitions. Run on the plan's thread (<see cref="PlanRunner"/>), so every await completes inline.
/// </summary>
internal static class PlanBaselines
{
    public static PlanRunResult Run(BurstScenario scenario, PlanSettings settings, string policyName, TimeProvider wall)
    {
        var wallStart = wall.GetTimestamp();
        using var world = new PlanWorld(scenario, settings);
        var model = settings.UpstreamModel;
        var demandDelay = scenario.Demand == BurstDemand.PendingPods ? model.AutoscalerReaction : TimeSpan.Zero;
        PlanMeasurement measurement;
        Task running;
        Func<long> retries;
        IReadOnlyDictionary<string, long> extraCalls = new Dictionary<string, long>();
        if (policyName == BurstRunner.UpstreamPolicy)
        {
            var ess = ActionCallCounter.Over(world.EcsTransport, "ess");
            var upstream = new UpstreamBaseline(world.BaselineCloud(ess), world.Policy, world.Group, model,
                BurstRunner.UpstreamDeadline(scenario, world.Group, model),
                new UpstreamNodeView(world.Kubelets.RegisteredAt.ContainsKey, () => world.Kubelets.ReadyNow().ToHashSet(StringComparer.Ordinal)),
                world.Time);
            if (scenario.Condition == BurstCondition.Warm)
            {
                var fill = upstream.FillEconomicalModeAsync(scenario.Nodes, CancellationToken.None);
                if (!world.RunUntil(() => fill.IsCompleted, world.Time.GetUtcNow() + scenario.Timeout))
                {
                    throw new TimeoutException($"economical mode's {scenario.Nodes} stopped instances were not ready after {scenario.Timeout.TotalSeconds:0} s simulated");
                }

                fill.GetAwaiter().GetResult();
                world.Kubelets.Reset();
            }

            measurement = PlanMeasurement.AtStart(world, ess);
            running = upstream.RunAsync(scenario.Nodes, Visible(world, scenario), demandDelay, CancellationToken.None);
            retries = () => upstream.Refusals;
            extraCalls = upstream.EssCalls;
        }
        else if (policyName == BurstRunner.NaivePolicy)
        {
            var limit = world.Emulator.Options.QpsLimits.GetValueOrDefault("RunInstances", 10);
            var naive = new NaiveBaseline(world.BaselineCloud(counter: null), world.Policy, world.Group, limit, world.Time);
            measurement = PlanMeasurement.AtStart(world);
            running = DelayedAsync(naive, scenario.Nodes, Visible(world, scenario), demandDelay, model.ScanInterval, world.Time);
            retries = () => naive.Failures;
        }
        else
        {
            throw new ArgumentException($"'{policyName}' is not a baseline", nameof(policyName));
        }

        var deadline = measurement.T0 + scenario.Timeout;
        var allReady = world.RunUntil(() => world.Kubelets.ReadyCount >= scenario.Nodes || running.IsFaulted, deadline);
        if (running.IsFaulted)
        {
            running.GetAwaiter().GetResult();
        }

        // Left running on purpose when the deadline came first: cancelling would resume it off the plan's thread.
        var wallSeconds = wall.GetElapsedTime(wallStart).TotalSeconds;
        var result = measurement.Result(policyName, scenario.Nodes, wallSeconds, timedOut: !allReady, retries());
        return new PlanRunResult(result with { CloudCalls = BurstRunner.WithExtra(result.CloudCalls, extraCalls) },
            wallSeconds, world.Time.Fired, world.Time.ForeignThreadCalls, WarmPoolSize: 0);
    }

    /// <summary>
    /// What the autoscaler a baseline stands for has seen: with pending pods, those the scheduler has been through, as in
    /// a burst (<see cref="PendingPodDriver.SeenByScheduler"/>); the pods are created here, at t = 0.
    /// </summary>
    private static Func<int> Visible(PlanWorld world, BurstScenario scenario)
    {
        if (scenario.Demand != BurstDemand.PendingPods)
        {
            return () => scenario.Nodes;
        }

        world.Pods.Create(scenario.Nodes);
        return () => world.Pods.SeenByScheduler;
    }

    private static async Task DelayedAsync(NaiveBaseline naive, int nodes, Func<int> visible, TimeSpan delay, TimeSpan scan, TimeProvider time)
    {
        await Task.Delay(delay, time);
        await naive.RunAsync(nodes, visible, scan, CancellationToken.None);
    }
}
