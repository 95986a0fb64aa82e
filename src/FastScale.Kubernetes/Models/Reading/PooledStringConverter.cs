using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastScale.Kubernetes.Models.Reading;

/// <summary>Reads short strings through a <see cref="StringPool"/>; long ones (messages, big annotations) are read as
/// usual, since they rarely repeat and would only churn the pool.</summary>
internal sealed class PooledStringConverter(StringPool pool) : JsonConverter<string>
{
    /// <summary>Longest value (in UTF-8 bytes as written, escapes included) that goes through the pool.</summary>
    public const int MaxPooledBytes = 96;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadString(ref reader, pool);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    public static string? ReadString(ref Utf8JsonReader reader, StringPool pool)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, got {reader.TokenType}");
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxPooledBytes)
        {
            return reader.GetString();
        }

        // Unescaped UTF-16 is never longer than the UTF-8 bytes it came from.
        Span<char> chars = stackalloc char[MaxPooledBytes];
        var written = reader.CopyString(chars);
        return pool.Get(chars[..written]);
    }
}
