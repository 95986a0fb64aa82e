namespace FastScale.Burst;

/// <summary>The named scenarios of <c>fastscale burst --scenario NAME</c>: <c>KIND-N</c>, where KIND says how demand appears.</summary>
internal static class BurstScenarios
{
    public const string Default = "cold-1000";

    private static readonly Dictionary<string, (BurstDemand Demand, BurstCondition Condition, BurstFaults? Faults)> Kinds = new(StringComparer.Ordinal)
    {
        // Issue 16's image rollout: a cold burst of N, then workloads under budgets, then the image changes (see RolloutSpec).
        ["rollout"] = (BurstDemand.IncreaseSize, BurstCondition.Rollout, null),
        ["rollout-broken"] = (BurstDemand.IncreaseSize, BurstCondition.Rollout, null),
        ["rollout-scaleout"] = (BurstDemand.IncreaseSize, BurstCondition.Rollout, null),
        ["cold"] = (BurstDemand.IncreaseSize, BurstCondition.None, null),
        ["fastmode"] = (BurstDemand.PendingPods, BurstCondition.None, null),
        ["throttled"] = (BurstDemand.IncreaseSize, BurstCondition.Throttled, null),
        ["stockout"] = (BurstDemand.IncreaseSize, BurstCondition.StockOut, null),
        ["notonsale"] = (BurstDemand.IncreaseSize, BurstCondition.NotOnSale, null),
        ["ipexhausted"] = (BurstDemand.IncreaseSize, BurstCondition.IpExhausted, null),
        ["warm"] = (BurstDemand.IncreaseSize, BurstCondition.Warm, null),
        ["flaky"] = (BurstDemand.IncreaseSize, BurstCondition.Flaky, null),
        ["brake"] = (BurstDemand.IncreaseSize, BurstCondition.Brake, null),
        ["restart"] = (BurstDemand.IncreaseSize, BurstCondition.Restart, null),
        // Issue 17's faults around the provider, timed from t = 0 in emulated seconds.
        ["apiserver-outage"] = (BurstDemand.IncreaseSize, BurstCondition.ApiOutage,
            new BurstFaults(Outage: new ApiOutage(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), RepairDeadline: TimeSpan.FromSeconds(25)))),
        ["apiserver-slow"] = (BurstDemand.IncreaseSize, BurstCondition.ApiSlow,
            new BurstFaults(Slowness: new ApiSlowness(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2)))),
        // From t = 0, so the burst's RunInstances calls are inside it: they are what a ClientToken protects.
        ["ecs-brownout"] = (BurstDemand.IncreaseSize, BurstCondition.EcsBrownout,
            new BurstFaults(Brownout: new EcsBrownoutSpec(TimeSpan.Zero, TimeSpan.FromSeconds(60), FailureShare: 0.5, Timeout: TimeSpan.FromSeconds(10)))),
    };

    /// <summary>The scenarios offered by name (any KIND-N with N of 1 or more works too: the scenario raises the group's max to N).</summary>
    public static IReadOnlyList<string> Names { get; } = [
        "cold-100", "cold-1000", "cold-3000", "fastmode-100", "fastmode-1000", "throttled-100", "throttled-1000", "stockout-100", "stockout-1000",
        "notonsale-100", "notonsale-1000", "ipexhausted-100", "ipexhausted-1000",
        "warm-100", "warm-1000", "flaky-100", "flaky-1000", "brake-100", "brake-1000", "restart-100", "restart-1000",
        "apiserver-outage-100", "apiserver-outage-1000", "apiserver-slow-100", "apiserver-slow-1000", "ecs-brownout-100", "ecs-brownout-1000",
        "rollout-100", "rollout-1000", "rollout-broken-100", "rollout-scaleout-100", "rollout-scaleout-1000",
    ];

    private static readonly Dictionary<string, Rollout.RolloutSpec> Rollouts = new(StringComparer.Ordinal)
    {
        ["rollout"] = new(),
        ["rollout-broken"] = new(BrokenImage: true),
        ["rollout-scaleout"] = new(ScaleOut: true),
    };

    /// <summary>Parses <c>KIND-N</c>; <paramref name="nodes"/>, when given, replaces N. Null with a reason when unknown.</summary>
    public static BurstScenario? Find(string name, int? nodes, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        problem = null;
        var dash = name.LastIndexOf('-');
        var kind = dash > 0 ? name[..dash] : name;
        if (!Kinds.TryGetValue(kind, out var found))
        {
            problem = $"unknown scenario '{name}'; expected one of: {string.Join(", ", Names)} (or KIND-N with KIND one of {string.Join(", ", Kinds.Keys)})";
            return null;
        }

        int count;
        if (nodes is { } n)
        {
            count = n;
        }
        else if (dash <= 0 || !int.TryParse(name[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count))
        {
            problem = $"scenario '{name}' names no node count; expected KIND-N such as {kind}-1000, or --nodes N";
            return null;
        }

        if (count < 1)
        {
            problem = $"node count must be at least 1, got {count}";
            return null;
        }

        return new BurstScenario($"{kind}-{count}", found.Demand, count, Condition: found.Condition, Faults: found.Faults,
            Rollout: Rollouts.GetValueOrDefault(kind));
    }
}
