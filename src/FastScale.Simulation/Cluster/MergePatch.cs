using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// JSON merge patch (RFC 7386), and the part of strategic merge patch clients rely on for our kinds: lists with a
/// merge key (conditions by type, containers by name…) merge element by element instead of being replaced, and
/// <c>$patch: delete</c> on such an element removes it.
/// </summary>
internal static class MergePatch
{
    private static readonly Dictionary<string, string> StrategicMergeKeys = new(StringComparer.Ordinal)
    {
        ["conditions"] = "type",
        ["addresses"] = "type",
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["volumes"] = "name",
        ["ownerReferences"] = "uid",
        ["tolerations"] = "key",
        ["env"] = "name",
        ["containerStatuses"] = "name",
    };

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool strategic) => Merge(target, patch, strategic);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, bool strategic)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject : new JsonObject();
        foreach (var (name, value) in patchObject.ToList())
        {
            if (strategic && name == "$patch")
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var existing = result[name];
            JsonNode? merged = strategic && value is JsonArray patchArray && existing is JsonArray targetArray
                && StrategicMergeKeys.TryGetValue(name, out var mergeKey)
                ? MergeByKey(targetArray, patchArray, mergeKey)
                : Merge(existing, value, strategic);
            if (existing is not null && ReferenceEquals(existing, merged))
            {
                continue;
            }

            result.Remove(name);
            result[name] = merged;
        }

        return result;
    }

    private static JsonArray MergeByKey(JsonArray target, JsonArray patch, string mergeKey)
    {
        var result = new JsonArray(target.Select(e => e?.DeepClone()).ToArray());
        foreach (var element in patch)
        {
            if (element is not JsonObject patchElement || KeyOf(patchElement, mergeKey) is not { } key)
            {
                result.Add(element?.DeepClone());
                continue;
            }

            var index = result.ToList().FindIndex(e => e is JsonObject o && KeyOf(o, mergeKey) == key);
            var delete = (string?)patchElement["$patch"] == "delete";
            if (index >= 0 && delete)
            {
                result.RemoveAt(index);
            }
            else if (index >= 0)
            {
                var merged = Merge(result[index], patchElement, strategic: true);
                result.RemoveAt(index);
                result.Insert(index, merged);
            }
            else if (!delete)
            {
                result.Add(Merge(null, patchElement, strategic: true));
            }
        }

        return result;
    }

    private static string? KeyOf(JsonObject element, string mergeKey) => element[mergeKey]?.ToString();
}
