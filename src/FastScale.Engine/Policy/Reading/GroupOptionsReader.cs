namespace FastScale.Engine.Policy.Reading;

/// <summary>Reads a group's optional sections: <c>warmPool</c>, <c>repair</c>, <c>rollout</c> (see <see cref="RolloutReader"/>), <c>prices</c> and <c>autoscalingOptions</c>.</summary>
internal static class GroupOptionsReader
{
    private static readonly string[] WarmPoolKeys = ["size", "joinBeforePark"];
    private static readonly string[] RepairKeys = ["enabled", "registrationTimeout", "notReadyTimeout", "maxUnhealthyPercent"];
    private static readonly string[] PriceKeys = ["nodePerHour", "stoppedPerHour"];

    private static readonly string[] AutoscalingKeys =
    [
        "scaleDownUtilizationThreshold", "scaleDownGpuUtilizationThreshold", "scaleDownUnneededTime", "scaleDownUnreadyTime",
        "maxNodeProvisionTime", "maxNodeStartupTime", "zeroOrMaxNodeScaling", "ignoreDaemonSetsUtilization", "allowNonAtomicScaleUpToMax",
    ];

    public static void Read(PolicyReadContext context, YamlMap group, NodeGroupPolicy policy)
    {
        if (group.Optional("warmPool") is { } warmPool && YamlMap.Open(context, warmPool, WarmPoolKeys) is { } pool)
        {
            ReadWarmPool(context, pool, policy);
        }

        if (group.Optional("repair") is { } repair && YamlMap.Open(context, repair, RepairKeys) is { } repairMap)
        {
            ReadRepair(context, repairMap, policy.Repair);
        }

        RolloutReader.Read(context, group, policy.Rollout);

        if (group.Optional("prices") is { } prices && YamlMap.Open(context, prices, PriceKeys) is { } priceMap)
        {
            policy.Prices = new PricePolicy
            {
                NodePerHour = Price(context, priceMap.Required("nodePerHour", "the price of one running node per hour")),
                StoppedPerHour = Price(context, priceMap.Optional("stoppedPerHour")),
            };
        }

        if (group.Optional("autoscalingOptions") is { } options && YamlMap.Open(context, options, AutoscalingKeys) is { } optionMap)
        {
            ReadAutoscalingOptions(context, optionMap, policy.AutoscalingOptions);
        }
    }

    private static void ReadWarmPool(PolicyReadContext context, YamlMap pool, NodeGroupPolicy policy)
    {
        if (pool.Optional("size") is { } sizeField && ScalarReader.TryInt(context, sizeField, out var size))
        {
            policy.WarmPool.Size = size;
            if (size < 0 || (policy.MaxSize >= 1 && size > policy.MaxSize))
            {
                context.Report(sizeField, $"expected an integer between 0 and maxSize ({policy.MaxSize}), got {size}");
            }
        }

        if (pool.Optional("joinBeforePark") is { } joinField && ScalarReader.TryBool(context, joinField, out var join))
        {
            policy.WarmPool.JoinBeforePark = join;
        }
    }

    private static void ReadRepair(PolicyReadContext context, YamlMap map, RepairPolicy repair)
    {
        if (map.Optional("enabled") is { } enabled && ScalarReader.TryBool(context, enabled, out var on))
        {
            repair.Enabled = on;
        }

        repair.RegistrationTimeout = Duration(context, map.Optional("registrationTimeout")) ?? repair.RegistrationTimeout;
        repair.NotReadyTimeout = Duration(context, map.Optional("notReadyTimeout")) ?? repair.NotReadyTimeout;

        if (map.Optional("maxUnhealthyPercent") is { } percentField && ScalarReader.TryInt(context, percentField, out var percent))
        {
            repair.MaxUnhealthyPercent = percent;
            if (percent is < 0 or > 100)
            {
                context.Report(percentField, $"expected an integer between 0 and 100, got {percent}");
            }
        }
    }

    private static void ReadAutoscalingOptions(PolicyReadContext context, YamlMap map, AutoscalingOptionsPolicy options)
    {
        options.ScaleDownUtilizationThreshold = Threshold(context, map.Optional("scaleDownUtilizationThreshold"));
        options.ScaleDownGpuUtilizationThreshold = Threshold(context, map.Optional("scaleDownGpuUtilizationThreshold"));
        options.ScaleDownUnneededTime = Duration(context, map.Optional("scaleDownUnneededTime"));
        options.ScaleDownUnreadyTime = Duration(context, map.Optional("scaleDownUnreadyTime"));
        options.MaxNodeProvisionTime = Duration(context, map.Optional("maxNodeProvisionTime"));
        options.MaxNodeStartupTime = Duration(context, map.Optional("maxNodeStartupTime"));
        options.ZeroOrMaxNodeScaling = Bool(context, map.Optional("zeroOrMaxNodeScaling"));
        options.IgnoreDaemonSetsUtilization = Bool(context, map.Optional("ignoreDaemonSetsUtilization"));
        options.AllowNonAtomicScaleUpToMax = Bool(context, map.Optional("allowNonAtomicScaleUpToMax"));
    }

    private static double? Threshold(PolicyReadContext context, YamlField? field)
    {
        if (field is not { } f || !ScalarReader.TryNumber(context, f, out var value))
        {
            return null;
        }

        if (value is < 0 or > 1)
        {
            context.Report(f, $"expected a fraction between 0 and 1, got {value}");
        }

        return value;
    }

    private static double Price(PolicyReadContext context, YamlField? field)
    {
        if (field is not { } f || !ScalarReader.TryNumber(context, f, out var value))
        {
            return 0;
        }

        if (value < 0)
        {
            context.Report(f, $"expected a price ≥ 0, got {value}");
        }

        return value;
    }

    private static TimeSpan? Duration(PolicyReadContext context, YamlField? field) =>
        field is { } f && ScalarReader.TryPositiveDuration(context, f, out var value) ? value : null;

    private static bool? Bool(PolicyReadContext context, YamlField? field) =>
        field is { } f && ScalarReader.TryBool(context, f, out var value) ? value : null;
}
