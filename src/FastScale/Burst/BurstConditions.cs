using FastScale.Engine.Policy;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Burst;

/// <summary>
/// How each <see cref="BurstCondition"/> sets up the world, applied identically to the FastScale run and the baseline
/// run (each on its own fresh world), so both face the same region.
/// </summary>
internal static class BurstConditions
{
    /// <summary>Throttled: RunInstances calls per second the emulated account allows (FastScale paces at 10 by default).</summary>
    public const int ThrottledRunInstancesQps = 2;

    /// <summary>Throttled: DescribeInstances calls per second, shared with the simulated kubelets' polls.</summary>
    public const int ThrottledDescribeInstancesQps = 5;

    /// <summary>Throttled: the first RunInstances calls answered Throttling.User whatever the rate.</summary>
    public const int ThrottledInjectedCalls = 2;

    /// <summary>IpExhausted: the share of the burst the first zone's vSwitch has free IPs for.</summary>
    public const double IpExhaustedShare = 0.30;

    /// <summary>NotOnSale: the code, and the HTTP status ECS answers it with in RunInstances' error table.</summary>
    public const string NotOnSaleCode = "Zone.NotOnSale";

    public const int NotOnSaleStatus = 403;

    /// <summary>IpExhausted: the free IPs of the first zone's vSwitch for a burst of <paramref name="nodes"/>.</summary>
    public static int IpExhaustedFreeIps(int nodes) => (int)(nodes * IpExhaustedShare);

    /// <summary>Flaky: share of instances that stay Starting forever.</summary>
    public const double FlakyNeverRunningShare = 0.05;

    /// <summary>Brake: share of instances that stay Starting forever, twice the default brake threshold.</summary>
    public const double BrakeNeverRunningShare = 0.40;

    /// <summary>
    /// Flaky and brake: the registration deadline, short so replacements happen within a run, yet past the slowest healthy
    /// node of the burst. The deadline counts from launch, so it must cover the instance's wait in the region's
    /// provisioning queue (N / 30 s in the default profile) as well as the 60 s a node takes at most after it; a flat 60 s
    /// replaced healthy late nodes of a 1,000-node burst as if they had failed.
    /// </summary>
    public static TimeSpan FlakyRegistrationTimeout(int nodes) => TimeSpan.FromSeconds(60 + (nodes / 30.0));

    /// <summary>
    /// The policy the scenario runs with: the settings' own, or a copy with the group changed (a warm pool, repair
    /// deadlines, or a max raised to the burst's size: a scenario of N nodes asks for N, whatever the sample's cap).
    /// </summary>
    public static ScalePolicy PolicyFor(BurstScenario scenario, ScalePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        var tooSmall = policy.NodeGroups.Any(g => g.Id == scenario.GroupId && g.MaxSize < scenario.Nodes);
        if (!tooSmall && scenario.Condition is not (BurstCondition.Warm or BurstCondition.Flaky or BurstCondition.Brake or BurstCondition.ApiOutage))
        {
            return policy;
        }

        var copy = PolicyCopy.Shallow(policy);
        copy.NodeGroups = [.. policy.NodeGroups.Select(g => g.Id == scenario.GroupId ? Changed(g, scenario) : g)];
        return copy;
    }

    /// <summary>
    /// Null when the group can run the scenario; otherwise why not. A capacity scenario takes away the first offering
    /// (or, for IpExhausted, most of the first zone), so the group needs somewhere to fall back to.
    /// </summary>
    public static string? Unfit(BurstScenario scenario, NodeGroupPolicy group)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(group);
        return scenario.Condition switch
        {
            BurstCondition.IpExhausted when group.Zones.Count < 2 =>
                $"scenario '{scenario.Name}' exhausts the IPs of group '{group.Id}''s first zone, so the group needs a second zone to fall back to; it has {group.Zones.Count}",
            BurstCondition.StockOut or BurstCondition.NotOnSale when group.Zones.Count * group.InstanceTypes.Count < 2 =>
                $"scenario '{scenario.Name}' takes away group '{group.Id}''s first offering, so the group needs a second instance type or zone to fall back to",
            _ => null,
        };
    }

    public static void ConfigureEmulator(BurstScenario scenario, EcsEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (scenario.Condition == BurstCondition.Throttled)
        {
            options.QpsLimits["RunInstances"] = ThrottledRunInstancesQps;
            options.QpsLimits["DescribeInstances"] = ThrottledDescribeInstancesQps;
        }
    }

    /// <summary>Faults set once the world runs, before t = 0.</summary>
    public static void InjectFaults(BurstScenario scenario, NodeGroupPolicy group, EcsFaultInjection faults, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(faults);
        switch (scenario.Condition)
        {
            case BurstCondition.Throttled:
                faults.FailNext("RunInstances", "Throttling.User", 400, ThrottledInjectedCalls);
                break;
            case BurstCondition.StockOut:
                faults.SetStock(group.InstanceTypes[0], group.Zones[0].ZoneId, 0);
                break;
            case BurstCondition.NotOnSale:
                faults.SetOfferingError(group.InstanceTypes[0], group.Zones[0].ZoneId, NotOnSaleCode, NotOnSaleStatus);
                break;
            case BurstCondition.IpExhausted:
                faults.SetFreeIps(group.Zones[0].VSwitchId, IpExhaustedFreeIps(scenario.Nodes));
                break;
            case BurstCondition.Flaky:
                faults.SetPlan(new FaultShares { NeverRunning = FlakyNeverRunningShare, Seed = seed });
                break;
            case BurstCondition.Brake:
                faults.SetPlan(new FaultShares { NeverRunning = BrakeNeverRunningShare, Seed = seed });
                break;
        }
    }

    private static NodeGroupPolicy Changed(NodeGroupPolicy group, BurstScenario scenario)
    {
        var copy = PolicyCopy.Shallow(group);
        copy.MaxSize = Math.Max(group.MaxSize, scenario.Nodes);
        if (scenario.Condition == BurstCondition.Warm)
        {
            copy.WarmPool = new WarmPoolPolicy { Size = scenario.Nodes, JoinBeforePark = group.WarmPool.JoinBeforePark };
        }
        else if (scenario.Condition is BurstCondition.Flaky or BurstCondition.Brake)
        {
            copy.Repair = new RepairPolicy
            {
                Enabled = true,
                RegistrationTimeout = FlakyRegistrationTimeout(scenario.Nodes),
                NotReadyTimeout = group.Repair.NotReadyTimeout,
                MaxUnhealthyPercent = group.Repair.MaxUnhealthyPercent,
            };
        }

        else if (scenario.Faults?.Outage is { } outage)
        {
            copy.Repair = new RepairPolicy
            {
                Enabled = true,
                RegistrationTimeout = OutageRegistrationTimeout(outage, scenario.Nodes),
                NotReadyTimeout = group.Repair.NotReadyTimeout,
                MaxUnhealthyPercent = group.Repair.MaxUnhealthyPercent,
            };
        }

        return copy;
    }

    /// <summary>Slack on the outage's blind time: the informers' longest back-off (30 s) plus a resync.</summary>
    public static readonly TimeSpan BlindSlack = TimeSpan.FromSeconds(35);

    /// <summary>
    /// What FastScale's run must show, every failure named (empty: all held): the usual invariants (all Ready in time, no
    /// duplicate, no leak) where the scenario expects every node, and each fault scenario's own. <c>fastscale burst</c>
    /// exits non-zero when this is not empty; the tests assert the same list.
    /// </summary>
    /// <param name="speedTargets">Whether a scenario's speed targets count (<see cref="Rollout.RolloutChecks.Failures"/>); invariants always do.</param>
    public static IReadOnlyList<string> Failures(BurstScenario scenario, BurstRunResult run, bool speedTargets = true)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(run);
        var failures = new List<string>();
        void Require(bool holds, string failure)
        {
            if (!holds)
            {
                failures.Add(failure);
            }
        }

        if (scenario.ExpectsAllReady)
        {
            // NodesRequested: the scenario's nodes, and a rollout's scale-out besides.
            Require(!run.TimedOut && run.NodesReady == run.NodesRequested, $"only {run.NodesReady} of {run.NodesRequested} nodes were Ready after {scenario.Timeout.TotalSeconds:0} s");
            Require(run.DuplicateInstances == 0, $"{run.DuplicateInstances} duplicate instances");
            Require(run.LeakedInstances == 0, $"{run.LeakedInstances} leaked instances");
        }

        var faults = run.Faults;
        if (scenario.Faults?.Outage is { } outage)
        {
            var blind = faults?.BlindSeconds ?? 0;
            var bound = (outage.Duration + BlindSlack).TotalSeconds;
            Require(blind > 0, "the provider's node view was never blind: the outage did not reach it");
            Require(blind <= bound, $"the node view stayed blind {blind:0.0} s, more than the outage and a resync ({bound:0} s)");
            Require(faults?.RepairBlindPasses > 0, "repair never paused for the stale view");
            Require(run.ReplacedNodes == 0, $"{run.ReplacedNodes} nodes replaced: repair acted on the view of an API server that was away");
        }

        if (scenario.Faults?.Slowness is not null)
        {
            Require(faults?.ApiRequestsDelayed > 0, "no API request was slowed: the fault did not happen");
            Require(faults?.BlindSeconds == 0, $"the provider's node watch was lost ({faults?.BlindSeconds:0.0} s blind)");
            Require(faults?.ApiWatchersDropped == 0, $"the API server dropped {faults?.ApiWatchersDropped} watchers");
            foreach (var write in new[] { "POST events", "PATCH nodes" })
            {
                var count = faults?.ProviderWrites(write) ?? 0;
                Require(count <= scenario.Nodes, $"{count} {write} by the provider for {scenario.Nodes} nodes: a storm");
            }
        }

        if (scenario.Rollout is { } rollout)
        {
            failures.AddRange(Rollout.RolloutChecks.Failures(rollout, run.Rollout, speedTargets));
        }

        if (scenario.Faults?.Brownout is not null)
        {
            Require(faults?.EcsServerErrors + faults?.EcsTimeouts > 0, "no ECS call failed: the brownout did not happen");
            Require(run.Retries > 0, "no RunInstances call was retried");
        }

        return failures;
    }

    /// <summary>
    /// apiserver-outage: the outage's repair deadline plus the provisioning queue's wait (N / 30 s, as for flaky), so at
    /// 100 nodes it falls due inside the outage for every node launched before it: a repairer that judged the stale view
    /// would replace nodes whose only fault was that they could not report.
    /// </summary>
    public static TimeSpan OutageRegistrationTimeout(ApiOutage outage, int nodes)
    {
        ArgumentNullException.ThrowIfNull(outage);
        return outage.RepairDeadline + TimeSpan.FromSeconds(nodes / 30.0);
    }
}
