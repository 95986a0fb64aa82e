using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Reads a group's <c>labels</c> and <c>taints</c>, checked against Kubernetes' syntax.</summary>
internal static class LabelTaintReader
{
    private static readonly string[] TaintKeys = ["key", "value", "effect"];
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Labels FastScale sets on every node from the instance itself; a group may not override them.</summary>
    private static readonly string[] SetByFastScale =
    [
        WellKnownLabels.Os, WellKnownLabels.Arch, WellKnownLabels.Hostname, WellKnownLabels.InstanceType,
        WellKnownLabels.Region, WellKnownLabels.Zone, WellKnownLabels.NodeGroup,
    ];

    public static void ReadLabels(PolicyReadContext context, YamlField? field, NodeGroupPolicy group)
    {
        if (field is not { } present || YamlMap.Open(context, present, null, "a mapping of label key to value") is not { } map)
        {
            return;
        }

        foreach (var (key, keyNode, value) in map.Entries)
        {
            var entry = map.Self.Keyed(key, keyNode, value);
            if (KubernetesNames.CheckQualifiedName(key) is { } keyProblem)
            {
                context.Report(entry, keyProblem);
                continue;
            }

            if (SetByFastScale.Contains(key, StringComparer.Ordinal))
            {
                context.Report(entry, $"'{key}' is set by FastScale on every node from the instance; remove it");
                continue;
            }

            // Labels are strings; a plain true or 1.10 is taken as written, which is what the author meant.
            var text = "";
            if (!entry.IsNull && !ScalarReader.TryText(context, entry, out text))
            {
                continue;
            }

            if (KubernetesNames.CheckLabelValue(text) is { } valueProblem)
            {
                context.Report(entry, valueProblem);
                continue;
            }

            group.Labels[key] = text;
        }
    }

    public static void ReadTaints(PolicyReadContext context, YamlField? field, NodeGroupPolicy group)
    {
        if (field is not { } present)
        {
            return;
        }

        var seen = new HashSet<(string, string)>();
        foreach (var item in ScalarReader.List(context, present, "{ key, value, effect } mappings"))
        {
            if (YamlMap.Open(context, item, TaintKeys, "a taint mapping") is not { } map)
            {
                if (item.IsNull)
                {
                    context.Report(item, "expected a taint mapping { key, value, effect }, got an empty item");
                }

                continue;
            }

            var taint = new TaintPolicy();
            group.Taints.Add(taint);
            var valid = true;
            if (map.Required("key", "the taint's key, e.g. nvidia.com/gpu") is { } keyField && ScalarReader.TryText(context, keyField, out var key))
            {
                taint.Key = key;
                if (KubernetesNames.CheckQualifiedName(key) is { } problem)
                {
                    context.Report(keyField, problem);
                    valid = false;
                }
            }
            else
            {
                valid = false;
            }

            if (map.Optional("value") is { } valueField && ScalarReader.TryText(context, valueField, out var value))
            {
                taint.Value = value;
                if (KubernetesNames.CheckLabelValue(value) is { } problem)
                {
                    context.Report(valueField, problem);
                }
            }

            var effectField = map.Required("effect", $"one of {string.Join(", ", Effects)}");
            if (effectField is { } ef && ScalarReader.TryText(context, ef, out var effect))
            {
                taint.Effect = effect;
                if (!Effects.Contains(effect, StringComparer.Ordinal))
                {
                    context.Report(ef, $"expected one of {string.Join(", ", Effects)}, got '{effect}'");
                    valid = false;
                }
            }
            else
            {
                valid = false;
            }

            // Kubernetes rejects two taints with the same key and effect.
            if (valid && !seen.Add((taint.Key, taint.Effect)))
            {
                context.Report(item, $"duplicate taint {taint.Key}:{taint.Effect}; a key may appear once per effect");
            }
        }
    }
}
