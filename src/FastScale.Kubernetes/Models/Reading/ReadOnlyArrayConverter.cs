using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Reads an <see cref="IReadOnlyList{T}"/> property into an exact-size array (a List&lt;T&gt; would keep
/// spare capacity and its own object), and an empty one into the shared empty array. A pod has four or five such
/// lists, nearly all with one or two items, and pods of one ReplicaSet have equal ones: those share one array.</summary>
internal sealed class ReadOnlyArrayConverter<T>(SharedValues shared) : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array, got {reader.TokenType}");
        }

        var itemType = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var buffer = ArrayPool<T>.Shared.Rent(4);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == buffer.Length)
                {
                    var bigger = ArrayPool<T>.Shared.Rent(2 * count);
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<T>.Shared.Return(buffer, clearArray: true);
                    buffer = bigger;
                }

                buffer[count++] = JsonSerializer.Deserialize(ref reader, itemType)!;
            }

            if (count == 0)
            {
                return [];
            }

            // Items are records (value equality) or strings, so equal lists from different objects can be one array.
            var items = buffer[..count];
            return shared.Share(items, ContentHash(items), static (a, b) => a.AsSpan().SequenceEqual(b));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static int ContentHash(T[] items)
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var itemType = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, itemType);
        }

        writer.WriteEndArray();
    }
}
