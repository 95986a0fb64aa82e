using System.Text.RegularExpressions;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Reads the top level of a policy (cluster, region, provider) and hands each section to its reader.</summary>
internal static partial class ScalePolicyReader
{
    private static readonly string[] Keys = ["clusterId", "region", "provider", "pacing", "nodeGroups"];
    private static readonly string[] ProviderKeys = ["fastMode", "fastModeWindow", "launchBatchWindow", "gpuLabel", "gpuTypes", "autoscalerUnreadyTolerance"];
    private static readonly string[] ToleranceKeys = ["okTotalUnreadyCount", "maxTotalUnreadyPercentage"];
    private static readonly string[] WindowKeys = ["idle", "max"];

    /// <summary>Beyond this a "fast" decision is no faster than the autoscaler's own loop.</summary>
    private static readonly TimeSpan LongestWindow = TimeSpan.FromSeconds(10);

    public static ScalePolicy Read(PolicyReadContext context, YamlField root)
    {
        var policy = new ScalePolicy();
        var map = YamlMap.Open(context, root, Keys, "a policy mapping");
        if (map is null)
        {
            if (root.IsNull)
            {
                context.Report(root.At, PolicyReadContext.DocumentField, $"the policy is empty; expected a mapping with keys {string.Join(", ", Keys)}");
            }

            return policy;
        }

        if (map.Required("clusterId", "the cluster's id, written into every instance's tags") is { } clusterId
            && ScalarReader.TryText(context, clusterId, out var cluster))
        {
            policy.ClusterId = cluster;
            if (CheckTagValue(cluster) is { } problem)
            {
                context.Report(clusterId, problem);
            }
        }

        var regionValid = false;
        if (map.Required("region", "the ECS region, e.g. cn-hangzhou") is { } regionField
            && ScalarReader.TryText(context, regionField, out var region))
        {
            policy.Region = region;
            regionValid = RegionPattern().IsMatch(region);
            if (!regionValid)
            {
                context.Report(regionField, $"expected an ECS region id such as cn-hangzhou or ap-southeast-1, got '{region}'");
            }
        }

        if (map.Optional("provider") is { } provider)
        {
            ReadProvider(context, provider, policy.Provider);
        }

        PacingReader.Read(context, map.Optional("pacing"), policy.Pacing);

        if (map.Required("nodeGroups", "a list of at least one node group") is { } groups)
        {
            ReadNodeGroups(context, groups, regionValid ? policy.Region : null, policy);
        }

        return policy;
    }

    private static void ReadNodeGroups(PolicyReadContext context, YamlField field, string? region, ScalePolicy policy)
    {
        var items = ScalarReader.List(context, field, "node groups");
        if (items.Count == 0 && field.Node is YamlDotNet.RepresentationModel.YamlSequenceNode)
        {
            context.Report(field, "expected at least one node group, got an empty list");
        }

        var ids = new Dictionary<string, YamlField>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var (group, idField) = NodeGroupReader.Read(context, item, region, policy.Provider);
            policy.NodeGroups.Add(group);
            if (idField is { } id && group.Id.Length > 0 && !ids.TryAdd(group.Id, id))
            {
                var first = ids[group.Id];
                context.Report(id, $"duplicate node group id '{group.Id}' (first at {first.Path}, line {first.At.Line}); ids must be unique");
            }
        }
    }

    private static void ReadProvider(PolicyReadContext context, YamlField field, ProviderSettings provider)
    {
        if (YamlMap.Open(context, field, ProviderKeys) is not { } map)
        {
            return;
        }

        if (map.Optional("fastMode") is { } fastMode && ScalarReader.TryBool(context, fastMode, out var fast))
        {
            provider.FastMode = fast;
        }

        if (map.Optional("fastModeWindow") is { } window && YamlMap.Open(context, window, WindowKeys) is { } windowMap)
        {
            ReadFastModeWindow(context, windowMap, provider);
        }

        if (map.Optional("launchBatchWindow") is { } batchWindow && ScalarReader.TryPositiveDuration(context, batchWindow, out var batchWindowValue))
        {
            provider.LaunchBatchWindow = batchWindowValue;
            if (batchWindowValue > LongestWindow)
            {
                context.Report(batchWindow, $"expected a duration of at most 10s (instances asked for wait that long before their call), got '{Show(batchWindowValue)}'");
            }
        }

        if (map.Optional("autoscalerUnreadyTolerance") is { } tolerance && YamlMap.Open(context, tolerance, ToleranceKeys) is { } toleranceMap)
        {
            ReadUnreadyTolerance(context, toleranceMap, provider.AutoscalerUnreadyTolerance);
        }

        if (map.Optional("gpuLabel") is { } gpuLabel && ScalarReader.TryText(context, gpuLabel, out var label))
        {
            provider.GpuLabel = label;
            if (KubernetesNames.CheckQualifiedName(label) is { } problem)
            {
                context.Report(gpuLabel, problem);
            }
        }

        if (map.Optional("gpuTypes") is { } gpuTypes)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in ScalarReader.List(context, gpuTypes, "GPU type names"))
            {
                if (!ScalarReader.TryText(context, item, out var type))
                {
                    continue;
                }

                if (type.Length == 0 || KubernetesNames.CheckLabelValue(type) is not null)
                {
                    context.Report(item, $"expected a GPU type as it appears in the {provider.GpuLabel} label value (e.g. NVIDIA-A10), got '{type}'");
                }
                else if (!seen.Add(type))
                {
                    context.Report(item, $"duplicate GPU type '{type}'");
                }

                provider.GpuTypes.Add(type);
            }
        }
    }

    /// <summary>The cluster-autoscaler's own flags of the same names, as the cluster runs it.</summary>
    private static void ReadUnreadyTolerance(PolicyReadContext context, YamlMap map, UnreadyTolerance tolerance)
    {
        if (map.Optional("okTotalUnreadyCount") is { } countField && ScalarReader.TryInt(context, countField, out var count))
        {
            tolerance.OkTotalUnreadyCount = count;
            if (count < 0)
            {
                context.Report(countField, $"expected a count of nodes ≥ 0 (the autoscaler's --ok-total-unready-count), got {count}");
            }
        }

        if (map.Optional("maxTotalUnreadyPercentage") is { } percentField && ScalarReader.TryNumber(context, percentField, out var percent))
        {
            tolerance.MaxTotalUnreadyPercentage = percent;
            if (percent is < 0 or > 100)
            {
                context.Report(percentField, $"expected a percentage between 0 and 100 (the autoscaler's --max-total-unready-percentage), got {percent}");
            }
        }
    }

    private static void ReadFastModeWindow(PolicyReadContext context, YamlMap map, ProviderSettings provider)
    {
        YamlField? idleField = null;
        if (map.Optional("idle") is { } idle && ScalarReader.TryPositiveDuration(context, idle, out var idleValue))
        {
            idleField = idle;
            provider.FastModeIdle = idleValue;
        }

        if (map.Optional("max") is { } max && ScalarReader.TryPositiveDuration(context, max, out var maxValue))
        {
            provider.FastModeMax = maxValue;
            if (maxValue > LongestWindow)
            {
                context.Report(max, $"expected a duration of at most 10s (a longer wait is no faster than the autoscaler's loop), got '{Show(maxValue)}'");
            }
            else if (maxValue < provider.FastModeIdle)
            {
                context.Report(max, $"expected a duration ≥ idle ({Show(provider.FastModeIdle)}), got '{Show(maxValue)}'");
            }
        }
        else if (idleField is { } i && provider.FastModeIdle > provider.FastModeMax)
        {
            context.Report(i, $"expected a duration ≤ max ({Show(provider.FastModeMax)}), got '{Show(provider.FastModeIdle)}'");
        }
    }

    private static string Show(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)span.TotalSeconds}s" : $"{span.TotalMilliseconds:0.###}ms";

    /// <summary>ECS tag values: at most 128 characters, not starting with aliyun, acs:, http:// or https://.</summary>
    private static string? CheckTagValue(string value)
    {
        if (value.Length is 0 or > 128 || value.Trim() != value)
        {
            return $"expected 1 to 128 characters without leading or trailing spaces (it becomes an ECS tag value), got '{value}'";
        }

        string[] reserved = ["aliyun", "acs:", "http://", "https://"];
        return reserved.FirstOrDefault(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix
            ? $"ECS tag values may not start with '{prefix}', got '{value}'"
            : null;
    }

    [GeneratedRegex(@"^[a-z]{2,}(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();
}
