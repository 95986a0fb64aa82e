using System.Globalization;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>JSON patch (RFC 6902): add, remove, replace, test, move and copy on JSON pointers (RFC 6901).</summary>
internal static class JsonPatch
{
    /// <summary>Applies every operation to <paramref name="target"/> in place; a failed operation is an error message.</summary>
    public static string? Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            return "a JSON patch must be an array of operations";
        }

        foreach (var node in operations)
        {
            if (node is not JsonObject operation || (string?)operation["op"] is not { } op || (string?)operation["path"] is not { } path)
            {
                return "each JSON patch operation needs 'op' and 'path'";
            }

            var error = op switch
            {
                "add" => Add(target, path, operation["value"]?.DeepClone()),
                "remove" => Remove(target, path, out _),
                "replace" => Remove(target, path, out _) ?? Add(target, path, operation["value"]?.DeepClone()),
                "test" => JsonNode.DeepEquals(Find(target, path), operation["value"]) ? null : $"test operation failed at {path}",
                "move" => Move(target, (string?)operation["from"], path, copy: false),
                "copy" => Move(target, (string?)operation["from"], path, copy: true),
                _ => $"unknown JSON patch operation '{op}'",
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Move(JsonObject target, string? from, string path, bool copy)
    {
        if (from is null || Find(target, from) is not { } value)
        {
            return $"JSON patch 'from' path not found: {from}";
        }

        if (!copy)
        {
            Remove(target, from, out _);
        }

        return Add(target, path, value.DeepClone());
    }

    private static string? Add(JsonObject root, string path, JsonNode? value)
    {
        if (!TryParent(root, path, out var parent, out var last))
        {
            return $"JSON patch path not found: {path}";
        }

        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(last);
                obj[last] = value;
                return null;
            case JsonArray array when last == "-":
                array.Add(value);
                return null;
            case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count:
                array.Insert(index, value);
                return null;
            default:
                return $"JSON patch path not found: {path}";
        }
    }

    private static string? Remove(JsonObject root, string path, out JsonNode? removed)
    {
        removed = null;
        if (!TryParent(root, path, out var parent, out var last))
        {
            return $"JSON patch path not found: {path}";
        }

        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                removed = obj[last];
                obj.Remove(last);
                return null;
            case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return $"JSON patch path not found: {path}";
        }
    }

    private static JsonNode? Find(JsonObject root, string path) =>
        TryParent(root, path, out var parent, out var last)
            ? parent switch
            {
                JsonObject obj => obj[last],
                JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            }
            : null;

    private static bool TryParent(JsonObject root, string path, out JsonNode? parent, out string last)
    {
        parent = null;
        last = "";
        if (!path.StartsWith('/'))
        {
            return false;
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        parent = node;
        last = tokens[^1];
        return node is JsonObject or JsonArray;
    }
}
