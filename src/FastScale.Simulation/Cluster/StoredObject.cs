using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// One immutable version of an object: its JSON exactly as it will be served (every field a client sent is kept),
/// plus the few values selectors read, extracted once so that a list over 50,000 pods never re-parses JSON.
/// </summary>
internal sealed class StoredObject
{
    private StoredObject(ResourceKind kind, string ns, string name, long resourceVersion, byte[] json, KeyValuePair<string, string>[] labels, string[] fields)
    {
        Kind = kind;
        Namespace = ns;
        Name = name;
        ResourceVersion = resourceVersion;
        Json = json;
        Labels = labels;
        Fields = fields;
    }

    public ResourceKind Kind { get; }

    /// <summary>Empty for cluster-scoped kinds.</summary>
    public string Namespace { get; }

    public string Name { get; }

    public long ResourceVersion { get; }

    /// <summary>UTF-8 JSON; never mutated once built.</summary>
    public byte[] Json { get; }

    public KeyValuePair<string, string>[] Labels { get; }

    /// <summary>Values of <see cref="ResourceKind.SelectableFields"/>, same order; "" when absent.</summary>
    public string[] Fields { get; }

    public ObjectKey Key => new(Namespace, Name);

    /// <summary>Snapshots an object whose metadata the store has already stamped.</summary>
    public static StoredObject From(ResourceKind kind, JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        var name = (string)metadata["name"]!;
        var ns = kind.Namespaced ? (string?)metadata["namespace"] ?? "" : "";
        var resourceVersion = long.Parse((string)metadata["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
        var labels = metadata["labels"] is JsonObject labelObject
            ? labelObject.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToString() ?? "")).ToArray()
            : [];
        var fields = new string[kind.SelectableFields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = ReadPath(obj, kind.SelectableFields[i]);
        }

        return new StoredObject(kind, ns, name, resourceVersion, Serialize(obj), labels, fields);
    }

    /// <summary>A fresh, caller-owned copy: the stored bytes stay untouched whatever the caller does with it.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Json)!.AsObject();

    public string? Label(string key)
    {
        foreach (var pair in Labels)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string ReadPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => path == "spec.unschedulable" ? "false" : "",
            JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ => node.ToString(),
        };
    }
}
