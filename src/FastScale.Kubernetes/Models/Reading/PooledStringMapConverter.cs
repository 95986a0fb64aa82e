using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Reads string maps (labels, annotations, node selectors, resource requests, capacity) with pooled keys and
/// short values: the same few keys appear on every object. Small maps (most of them) become a <see cref="CompactStringMap"/>, shared between objects with equal maps.</summary>
internal sealed class PooledStringMapConverter(StringPool pool, SharedValues shared) : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected an object of strings, got {reader.TokenType}");
        }

        // Entries gather in a pooled buffer; a small map then gets an exact-size array, a big one a Dictionary.
        var buffer = ArrayPool<string>.Shared.Rent(2 * CompactStringMap.MaxEntries);
        var count = 0;
        Dictionary<string, string>? big = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = ReadKey(ref reader);
                reader.Read();
                var value = PooledStringConverter.ReadString(ref reader, pool)!;
                if (big is not null)
                {
                    big[key] = value;
                }
                else if (IndexOfKey(buffer, count, key) is var index and >= 0)
                {
                    buffer[index + 1] = value; // a repeated key: the last one wins, as with a Dictionary
                }
                else if (count < 2 * CompactStringMap.MaxEntries)
                {
                    buffer[count++] = key;
                    buffer[count++] = value;
                }
                else
                {
                    big = new Dictionary<string, string>(2 * CompactStringMap.MaxEntries);
                    for (var i = 0; i < count; i += 2)
                    {
                        big[buffer[i]] = buffer[i + 1];
                    }

                    big[key] = value;
                }
            }

            if (big is not null)
            {
                return big;
            }

            var map = new CompactStringMap(buffer[..count]);
            return shared.Share(map, map.ContentHash(), CompactStringMap.SameContent);
        }
        finally
        {
            ArrayPool<string>.Shared.Return(buffer, clearArray: true);
        }
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

    private static int IndexOfKey(string[] buffer, int count, string key)
    {
        for (var i = 0; i < count; i += 2)
        {
            if (string.Equals(buffer[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
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
