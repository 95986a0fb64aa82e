using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Reads an <see cref="IReadOnlyList{T}"/> property into an exact-size array (a List&lt;T&gt; would keep
/// spare capacity and its own object), and an empty one into the shared empty array. A pod has four or five such
/// lists, nearly all with one or two items.</summary>
internal sealed class ReadOnlyArrayConverter<T> : JsonConverter<IReadOnlyList<T>>
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

            return count == 0 ? [] : buffer[..count];
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, clearArray: true);
        }
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
