using System.Globalization;
using System.Text.Json;

namespace FastScale.Kubernetes.Models;

internal static class KubernetesTimeFormat
{
    public static DateTimeOffset? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // Servers write "Z" or a numeric offset, with or without fractions; accept any RFC 3339 form.
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 time");
        }

        return value.ToUniversalTime();
    }

    public static void Write(Utf8JsonWriter writer, DateTimeOffset? value, string format)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }
}
