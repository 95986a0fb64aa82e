using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Reads string maps (labels, annotations, node selectors, resource requests, capacity) with pooled keys and
/// short values: the same few keys appear on every object.</summary>
internal sealed class PooledStringMapConverter(StringPool pool) : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected an object of strings, got {reader.TokenType}");
        }

        var map = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = ReadKey(ref reader);
            reader.Read();
            map[key] = PooledStringConverter.ReadString(ref reader, pool)!;
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            writer.WriteStringValue(item);
        }

        writer.WriteEndObject();
    }

    private string ReadKey(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > PooledStringConverter.MaxPooledBytes)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[PooledStringConverter.MaxPooledBytes];
        var written = reader.CopyString(chars);
        return pool.Get(chars[..written]);
    }
}
