using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Client;

/// <summary>Reads a watch response: one JSON object per line, arriving in chunks that need not align with lines.
/// Each line is parsed once, straight from the pooled UTF-8 bytes it arrived in: no string, no JsonDocument.</summary>
internal static class WatchStreamReader
{
    private const int ReadBufferSize = 16 * 1024;

    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(
        Stream stream,
        JsonTypeInfo<T> objectType,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        // The pipe keeps a partial line in pooled segments until its newline arrives, however many reads that takes.
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true));
        try
        {
            // Bytes of the buffered partial line already searched for a newline, so a long line is scanned once.
            long searched = 0;
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, ref searched, out var line))
                {
                    if (!IsBlank(line))
                    {
                        yield return ParseLine(line, objectType);
                    }
                }

                if (result.IsCompleted)
                {
                    // The last line may lack its newline.
                    if (!IsBlank(buffer))
                    {
                        yield return ParseLine(buffer, objectType);
                    }

                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Parses one line in a single pass; throws <see cref="JsonException"/> on anything that is not a watch
    /// event. The API server writes "type" before "object", so the object is deserialized as it is read; an object
    /// that comes first is held as a JsonElement until its type is known.</summary>
    public static WatchEvent<T> ParseLine<T>(ReadOnlySequence<byte> line, JsonTypeInfo<T> objectType)
        where T : class
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("watch line has no \"type\"");
        }

        WatchEventType? type = null;
        T? item = null;
        Status? error = null;
        JsonElement? early = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = ParseType(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException("watch event \"object\" is not an object");
                }

                if (type == WatchEventType.Error)
                {
                    error = JsonSerializer.Deserialize(ref reader, KubernetesJsonContext.Default.Status);
                }
                else if (type is not null)
                {
                    item = JsonSerializer.Deserialize(ref reader, objectType);
                }
                else
                {
                    early = JsonElement.ParseValue(ref reader);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything after the closing brace makes the line invalid, as a whole-document parse would find.
        if (reader.Read())
        {
            throw new JsonException("watch line has data after its object");
        }

        if (type is not { } known)
        {
            throw new JsonException("watch line has no \"type\"");
        }

        if (early is { } element)
        {
            // Only if another type property followed the object: ERROR then needs the Status, anything else the object.
            error = known == WatchEventType.Error ? element.Deserialize(KubernetesJsonContext.Default.Status) : null;
            item = known == WatchEventType.Error ? null : element.Deserialize(objectType);
        }

        if (item is null && error is null)
        {
            throw new JsonException($"watch {known} event has no \"object\"");
        }

        return known == WatchEventType.Error ? new WatchEvent<T>(known, null, error) : new WatchEvent<T>(known, item, null);
    }

    private static WatchEventType ParseType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("watch line has no \"type\"");
        }

        if (reader.ValueTextEquals("ADDED"u8))
        {
            return WatchEventType.Added;
        }

        if (reader.ValueTextEquals("MODIFIED"u8))
        {
            return WatchEventType.Modified;
        }

        if (reader.ValueTextEquals("DELETED"u8))
        {
            return WatchEventType.Deleted;
        }

        if (reader.ValueTextEquals("BOOKMARK"u8))
        {
            return WatchEventType.Bookmark;
        }

        return reader.ValueTextEquals("ERROR"u8)
            ? WatchEventType.Error
            : throw new JsonException($"unknown watch event type '{reader.GetString()}'");
    }

    /// <summary>Cuts the first line (without its '\n' or '\r') off <paramref name="buffer"/>; false when no line ends yet.</summary>
    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, ref long searched, out ReadOnlySequence<byte> line)
    {
        var offset = searched;
        foreach (var segment in buffer.Slice(searched))
        {
            var index = segment.Span.IndexOfAny((byte)'\n', (byte)'\r');
            if (index >= 0)
            {
                var end = buffer.GetPosition(offset + index);
                line = buffer.Slice(0, end);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                searched = 0;
                return true;
            }

            offset += segment.Length;
        }

        searched = offset;
        line = default;
        return false;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
