using System.Text.Json;
using FastScale.Engine.Policy;

namespace FastScale.Engine.Reload;

/// <summary>Compares two policies field by field (<see cref="PolicyFields"/>) and groups by id.</summary>
public static class PolicyDiff
{
    // Values are compared by their JSON form: one rule for strings, lists, maps and nested sections alike, so a new
    // field needs only its line in PolicyFields. Map order counts, which at worst re-applies equal labels.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static PolicyChange Between(ScalePolicy current, ScalePolicy next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var fields = new List<PolicyFieldChange>();
        foreach (var field in PolicyFields.Cluster)
        {
            Compare(field, current, next, field.Name, fields);
        }

        var before = current.NodeGroups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        for (var i = 0; i < next.NodeGroups.Count; i++)
        {
            if (before.TryGetValue(next.NodeGroups[i].Id, out var old))
            {
                foreach (var field in PolicyFields.Group)
                {
                    Compare(field, old, next.NodeGroups[i], $"nodeGroups[{i}].{field.Name}", fields);
                }
            }
        }

        var nextIds = next.NodeGroups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var added = next.NodeGroups.Select(g => g.Id).Where(id => !before.ContainsKey(id)).ToList();
        var removed = current.NodeGroups.Select(g => g.Id).Where(id => !nextIds.Contains(id)).ToList();
        var orderChanged = !current.NodeGroups.Select(g => g.Id).Where(nextIds.Contains)
            .SequenceEqual(next.NodeGroups.Select(g => g.Id).Where(before.ContainsKey), StringComparer.Ordinal);
        return new PolicyChange(fields, added, removed, orderChanged);
    }

    private static void Compare<T>(PolicyField<T> field, T current, T next, string path, List<PolicyFieldChange> changes)
    {
        var before = Show(field.Read(current));
        var after = Show(field.Read(next));
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new PolicyFieldChange(path, field.Scope, before, after));
        }
    }

    private static string Show(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Json);
}
