using System.Globalization;
using System.Text.Json;

namespace FastScale.Ecs.Credentials;

/// <summary>
/// Reads the credentials STS (<c>Credentials: { AccessKeyId, AccessKeySecret, SecurityToken, Expiration }</c>) and the
/// metadata service (the same four at top level, with <c>Code: "Success"</c>) answer. Errors never quote the body:
/// it may hold a secret.
/// </summary>
internal static class StsAnswer
{
    public static TemporaryCredentials ReadCredentials(JsonElement holder, string source)
    {
        string Field(string name) =>
            holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new CredentialsUnavailableException($"{source}: the answer has no {name}");

        var expiration = Field("Expiration");
        if (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires))
        {
            throw new CredentialsUnavailableException($"{source}: Expiration '{expiration}' is not a date");
        }

        return new TemporaryCredentials(new EcsCredentials(Field("AccessKeyId"), Field("AccessKeySecret"), Field("SecurityToken")), expires);
    }

    public static JsonDocument Parse(byte[] body, string source)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new CredentialsUnavailableException($"{source}: the answer is not JSON");
        }
    }

    /// <summary>An error answer in the OpenAPI shape, as <c>Code (HTTP n) request id: Message</c>.</summary>
    public static string DescribeError(int status, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return $"{Text("Code") ?? "no code"} (HTTP {status}) request {Text("RequestId") ?? "-"}: {Text("Message") ?? string.Empty}";
        }
        catch (JsonException)
        {
            return $"HTTP {status}";
        }
    }
}
