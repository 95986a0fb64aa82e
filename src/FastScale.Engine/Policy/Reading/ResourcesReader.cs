namespace FastScale.Engine.Policy.Reading;

/// <summary>
/// Reads a group's <c>resources</c> (capacity of one node), <c>reserved</c> (kept back for the kubelet and system
/// daemons) and <c>daemonSetOverhead</c> (taken by DaemonSet pods), and checks that what is kept back leaves room for pods.
/// </summary>
internal static class ResourcesReader
{
    private static readonly string[] Keys = ["cpu", "memory", "pods", "ephemeralStorage", "extended"];
    private static readonly string[] Required = ["cpu", "memory", "pods"];
    private const string NvidiaGpu = "nvidia.com/gpu";

    private sealed record Amount(YamlField Field, string Text, decimal Value);

    public static void Read(PolicyReadContext context, YamlMap group, NodeGroupPolicy policy, ProviderSettings provider)
    {
        var capacity = new Dictionary<string, Amount?>(StringComparer.Ordinal);
        var resources = group.Required("resources", "the capacity of one node, at least { cpu, memory, pods }");
        if (resources is { } declared)
        {
            capacity = ReadBlock(context, declared, policy.Resources, reserved: false);
        }

        var reserved = new Dictionary<string, Amount?>(StringComparer.Ordinal);
        if (group.Optional("reserved") is { } reservedField)
        {
            reserved = ReadBlock(context, reservedField, policy.Reserved, reserved: true);
            CheckKeptBack(context, "reserves", reserved, capacity, resources is not null, []);
        }

        if (group.Optional("daemonSetOverhead") is { } overheadField)
        {
            var overhead = ReadBlock(context, overheadField, policy.DaemonSetOverhead, reserved: true);
            CheckKeptBack(context, "claims", overhead, capacity, resources is not null, reserved);
        }

        if (capacity.ContainsKey(ExtendedKey(NvidiaGpu)) && !policy.Labels.ContainsKey(provider.GpuLabel) && resources is { } r)
        {
            context.Report(r, $"a group with {NvidiaGpu} needs the label {provider.GpuLabel} (provider.gpuLabel) so the autoscaler treats its nodes as GPU nodes");
        }
    }

    /// <summary>
    /// Every amount kept back (reserved, or DaemonSet overhead on top of reserved) must name a declared resource and leave
    /// a positive allocatable.
    /// </summary>
    private static void CheckKeptBack(
        PolicyReadContext context, string verb, Dictionary<string, Amount?> kept, Dictionary<string, Amount?> capacity,
        bool capacityRead, Dictionary<string, Amount?> alreadyKept)
    {
        foreach (var (name, amount) in kept)
        {
            if (amount is null || !capacityRead)
            {
                continue;
            }

            if (!capacity.TryGetValue(name, out var total))
            {
                context.Report(amount.Field, $"{verb} resources.{name}, which is not declared");
                continue;
            }

            if (total is null)
            {
                continue;
            }

            var before = alreadyKept.GetValueOrDefault(name);
            if (before is null && amount.Value >= total.Value)
            {
                context.Report(amount.Field, $"expected less than resources.{name} ({total.Text}) so that allocatable stays positive, got {amount.Text}");
            }
            else if (before is not null && before.Value + amount.Value >= total.Value)
            {
                context.Report(amount.Field,
                    $"expected less than resources.{name} ({total.Text}) minus reserved.{name} ({before.Text}) so that room for pods stays positive, got {amount.Text}");
            }
        }
    }

    /// <returns>The amounts present, keyed as written (cpu, ephemeralStorage, extended["nvidia.com/gpu"]); null when present but invalid.</returns>
    private static Dictionary<string, Amount?> ReadBlock(PolicyReadContext context, YamlField field, NodeResources target, bool reserved)
    {
        var amounts = new Dictionary<string, Amount?>(StringComparer.Ordinal);
        if (YamlMap.Open(context, field, Keys) is not { } map)
        {
            if (!reserved && field.IsNull)
            {
                context.Report(field, "required: the capacity of one node, at least { cpu, memory, pods }");
            }

            return amounts;
        }

        foreach (var key in Keys.Where(k => k != "extended"))
        {
            var value = !reserved && Required.Contains(key) ? map.Required(key, Hint(key)) : map.Optional(key);
            if (value is not { } valueField)
            {
                continue;
            }

            var amount = ReadAmount(context, valueField, whole: key == "pods", reserved);
            amounts[key] = amount;
            if (amount is null)
            {
                continue;
            }

            switch (key)
            {
                case "cpu": target.Cpu = amount.Text; break;
                case "memory": target.Memory = amount.Text; break;
                case "pods": target.Pods = amount.Text; break;
                default: target.EphemeralStorage = amount.Text; break;
            }
        }

        if (map.Optional("extended") is { } extended
            && YamlMap.Open(context, extended, null, "a mapping of extended resource name to amount") is { } extendedMap)
        {
            foreach (var (name, keyNode, value) in extendedMap.Entries)
            {
                var entry = extendedMap.Self.Keyed(name, keyNode, value);
                if (KubernetesNames.CheckExtendedResourceName(name) is { } problem)
                {
                    context.Report(entry, problem);
                    amounts[ExtendedKey(name)] = null;
                    continue;
                }

                var amount = ReadAmount(context, entry, whole: !name.StartsWith("hugepages-", StringComparison.Ordinal), reserved);
                amounts[ExtendedKey(name)] = amount;
                if (amount is not null)
                {
                    target.Extended[name] = amount.Text;
                }
            }
        }

        return amounts;
    }

    private static Amount? ReadAmount(PolicyReadContext context, YamlField field, bool whole, bool reserved)
    {
        if (!ScalarReader.TryQuantity(context, field, out var text, out var value))
        {
            return null;
        }

        if (reserved ? value < 0 : value <= 0)
        {
            context.Report(field, $"expected a quantity {(reserved ? "≥ 0" : "> 0")}, got {text}");
            return null;
        }

        if (whole && value != decimal.Truncate(value))
        {
            context.Report(field, $"expected a whole number, got {text}");
            return null;
        }

        return new Amount(field, text, value);
    }

    private static string ExtendedKey(string name) => $"extended[\"{name}\"]";

    private static string Hint(string key) => key switch
    {
        "cpu" => "cores per node, e.g. \"2\" or 1500m",
        "memory" => "memory per node, e.g. 8Gi",
        _ => "the most pods per node, e.g. \"110\"",
    };
}
