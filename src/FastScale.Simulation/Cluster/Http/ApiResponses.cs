using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FastScale.Simulation.Cluster.Http;

/// <summary>Writes API answers: stored objects as their bytes, lists around them, and Status objects.</summary>
internal static class ApiResponses
{
    private const string Json = "application/json";

    public static Task WriteObjectAsync(HttpContext context, int statusCode, byte[] json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = Json;
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    public static Task WriteNodeAsync(HttpContext context, int statusCode, JsonNode node) =>
        WriteObjectAsync(context, statusCode, StoredObject.Serialize(node));

    public static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        // As the real server: a Status that suggests a retry delay says it in the header too.
        if (error.Details?["retryAfterSeconds"] is JsonValue seconds && seconds.TryGetValue<int>(out var retryAfter) && retryAfter > 0)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteNodeAsync(context, error.Code, error.ToStatus());
    }

    public static JsonObject Success(int code, JsonObject? details = null) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = details,
        ["code"] = code,
    };

    public static async Task WriteListAsync(HttpContext context, ResourceKind kind, ListPage page)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind.Kind + "List");
            writer.WriteString("apiVersion", kind.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", page.ResourceVersionText);
            if (page.Continue is { } token)
            {
                writer.WriteString("continue", token);
                writer.WriteNumber("remainingItemCount", page.RemainingItemCount ?? 0);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(item.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = Json;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
