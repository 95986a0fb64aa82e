using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastScale.Ecs.Wire;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

/// <summary>Reads an ECS answer into a value or a classified <see cref="CloudError"/>.</summary>
internal static class EcsResponseReader
{
    public const string InvalidResponseCode = "InvalidResponse";

    public static CloudResult<T> Read<T>(int status, HttpResponseHeaders headers, byte[] body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var headerRequestId = HeaderValue(headers, "x-acs-request-id");
        if (status is >= 200 and < 300)
        {
            try
            {
                return JsonSerializer.Deserialize(body, typeInfo) is { } value
                    ? CloudResult<T>.Ok(value)
                    : Invalid(status, "empty JSON answer", headerRequestId);
            }
            catch (JsonException)
            {
                return Invalid(status, "the answer is not the expected JSON", headerRequestId);
            }
        }

        ErrorWire? error;
        try
        {
            error = JsonSerializer.Deserialize(body, EcsJsonContext.Default.ErrorWire);
        }
        catch (JsonException)
        {
            error = null;
        }

        if (error is null || string.IsNullOrEmpty(error.Code))
        {
            // A proxy or load balancer answered, not ECS: nothing says the call was wrong, so it may be retried.
            return Invalid(status, "error answer without an ECS error body", headerRequestId);
        }

        return new CloudError(
            EcsErrorClassifier.Classify(status, error.Code),
            error.Code,
            error.Message ?? string.Empty,
            error.RequestId ?? headerRequestId,
            RetryAfter(headers))
        {
            Scope = EcsErrorClassifier.ScopeOf(error.Code) ?? CapacityScope.Offering,
        };
    }

    /// <summary>The SDK reads <c>x-acs-retry-after</c> as milliseconds; zero or garbage means no hint.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseHeaders headers) =>
        long.TryParse(HeaderValue(headers, "x-acs-retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    private static CloudError Invalid(int status, string what, string? requestId) =>
        new(CloudErrorKind.Transient, InvalidResponseCode, $"HTTP {status.ToString(CultureInfo.InvariantCulture)}: {what}", requestId);

    private static string? HeaderValue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
