using FastScale.Engine.Cloud;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Reads <c>pacing</c>: a token bucket per ECS action. Actions not in the file get <see cref="PacingDefaults"/>.</summary>
internal static class PacingReader
{
    private static readonly string[] EntryKeys = ["qps", "burst"];

    public static void Read(PolicyReadContext context, YamlField? field, Dictionary<CloudAction, ActionPacing> pacing)
    {
        if (field is { } present && YamlMap.Open(context, present, null, "a mapping of ECS action to { qps, burst }") is { } map)
        {
            foreach (var (name, keyNode, value) in map.Entries)
            {
                var entry = map.Self.Entry(name, keyNode, value);
                if (!CloudActions.TryParse(name, out var action))
                {
                    context.Report(entry, $"unknown ECS action '{name}'; allowed actions: {string.Join(", ", CloudActions.All.Select(CloudActions.Name))}");
                    continue;
                }

                pacing[action] = ReadEntry(context, entry, PacingDefaults.For(action));
            }
        }

        foreach (var action in CloudActions.All)
        {
            pacing.TryAdd(action, PacingDefaults.For(action));
        }
    }

    /// <summary>One action's bucket; a field left out keeps the action's default.</summary>
    private static ActionPacing ReadEntry(PolicyReadContext context, YamlField field, ActionPacing pacing)
    {
        if (YamlMap.Open(context, field, EntryKeys) is not { } map)
        {
            return pacing;
        }

        if (map.Optional("qps") is { } qpsField && ScalarReader.TryNumber(context, qpsField, out var qps))
        {
            if (qps > 0)
            {
                pacing.Qps = qps;
            }
            else
            {
                context.Report(qpsField, $"expected a number of calls per second > 0, got {qps}");
            }
        }

        if (map.Optional("burst") is { } burstField && ScalarReader.TryInt(context, burstField, out var burst))
        {
            if (burst >= 1)
            {
                pacing.Burst = burst;
            }
            else
            {
                context.Report(burstField, $"expected an integer ≥ 1 (calls allowed at once), got {burst}");
            }
        }

        return pacing;
    }
}
