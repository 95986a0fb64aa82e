using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Client;

/// <summary>Reads a watch response: one JSON object per line, arriving in chunks that need not align with lines.</summary>
internal static class WatchStreamReader
{
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(
        Stream stream,
        JsonTypeInfo<T> objectType,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        // StreamReader buffers partial lines across reads; ReadLineAsync yields only complete ones.
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ParseLine(line, objectType);
        }
    }

    /// <summary>Parses one line; throws <see cref="JsonException"/> on anything that is not a watch event.</summary>
    public static WatchEvent<T> ParseLine<T>(string line, JsonTypeInfo<T> objectType)
        where T : class
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("watch line has no \"type\"");
        }

        var type = ParseType(typeElement.GetString()!);
        if (!root.TryGetProperty("object", out var objectElement) || objectElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"watch {type} event has no \"object\"");
        }

        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, null, objectElement.Deserialize(KubernetesJsonContext.Default.Status))
            : new WatchEvent<T>(type, objectElement.Deserialize(objectType), null);
    }

    private static WatchEventType ParseType(string type) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => throw new JsonException($"unknown watch event type '{type}'"),
    };
}
