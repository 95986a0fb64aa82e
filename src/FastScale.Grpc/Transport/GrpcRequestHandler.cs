using System.Buffers;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FastScale.Grpc.Transport;

/// <summary>
/// Serves one gRPC call on an HTTP/2 request: checks the request, reads its one message, runs the method under the
/// caller's deadline, and answers with the message and <c>grpc-status</c> trailers. Every failure becomes a status;
/// nothing escapes as a crashed or hung stream.
/// </summary>
internal sealed class GrpcRequestHandler(
    GrpcServiceRegistry registry,
    GrpcTransportOptions options,
    TimeProvider time,
    GrpcMetrics metrics,
    ILogger<GrpcRequestHandler> logger)
{
    private const int InlineWriteLimit = 16 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !IsGrpcContentType(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (!request.Protocol.StartsWith("HTTP/2", StringComparison.Ordinal))
        {
            // gRPC needs HTTP/2 trailers; over HTTP/1.1 there is no way to answer with a status.
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "h2c";
            return;
        }

        var path = request.Path.Value ?? "";
        var started = time.GetTimestamp();
        TimeSpan? timeout = null;
        if (request.Headers.TryGetValue(GrpcTimeout.HeaderName, out var header))
        {
            if (!GrpcTimeout.TryParse(header, out var parsed))
            {
                metrics.Record(GrpcMetrics.UnknownMethod, GrpcStatusCode.Internal, time.GetElapsedTime(started));
                await WriteStatusAsync(context, GrpcStatusCode.Internal, $"malformed grpc-timeout header '{header}'");
                return;
            }

            timeout = parsed;
        }

        using var deadline = timeout is { } span ? new CancellationTokenSource(span, time) : null;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadline?.Token ?? CancellationToken.None);
        GrpcStatusCode code;
        string message;
        var methodName = GrpcMetrics.UnknownMethod;
        try
        {
            var method = registry.Find(path);
            methodName = method.Name;
            var body = await GrpcRequestReader.ReadUnaryAsync(request.BodyReader, options.MaxReceiveMessageSize, call.Token);
            var answer = await method.InvokeAsync(body, call.Token);
            await WriteMessageAsync(context, answer, call.Token);
            var elapsed = time.GetElapsedTime(started);
            metrics.Record(methodName, GrpcStatusCode.OK, elapsed);
            Log.CallCompleted(logger, path, elapsed.TotalMilliseconds);
            return;
        }
        catch (GrpcStatusException e)
        {
            (code, message) = (e.StatusCode, e.Message);
        }
        catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true)
        {
            (code, message) = (GrpcStatusCode.DeadlineExceeded, $"deadline of {timeout!.Value.TotalMilliseconds:0.###} ms exceeded");
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream: nobody is left to read a status.
            metrics.Record(methodName, GrpcStatusCode.Cancelled, time.GetElapsedTime(started));
            Log.CallAbandoned(logger, path);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's body limit stopped the read before the frame header could: the answer to an oversized message.
            (code, message) = (GrpcStatusCode.ResourceExhausted, $"request body too large: {e.Message}");
        }
        catch (Exception e)
        {
            // Never UNKNOWN: a bug on our side is INTERNAL, logged with its stack, and the caller gets a plain reason.
            Log.CallCrashed(logger, e, path);
            (code, message) = (GrpcStatusCode.Internal, $"internal error in {path}: {e.GetType().Name}");
        }

        var failedAfter = time.GetElapsedTime(started);
        metrics.Record(methodName, code, failedAfter);
        Log.CallFailed(logger, path, (int)code, code, message, failedAfter.TotalMilliseconds);
        await WriteStatusAsync(context, code, message);
    }

    private static bool IsGrpcContentType(string? contentType) =>
        contentType is not null &&
        (contentType.Equals("application/grpc", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/grpc+proto", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/grpc;", StringComparison.OrdinalIgnoreCase));

    private async Task WriteMessageAsync(HttpContext context, IMessage answer, CancellationToken cancellationToken)
    {
        var size = answer.CalculateSize();
        if (size > options.MaxSendMessageSize)
        {
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted,
                $"response of {size} bytes exceeds the limit of {options.MaxSendMessageSize} bytes");
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-accept-encoding"] = "identity";
        var writer = response.BodyWriter;
        var total = GrpcFrame.HeaderSize + size;
        if (total <= InlineWriteLimit)
        {
            var span = writer.GetSpan(total);
            GrpcFrame.WriteHeader(span, size);
            answer.WriteTo(span.Slice(GrpcFrame.HeaderSize, size));
            writer.Advance(total);
        }
        else
        {
            var rented = ArrayPool<byte>.Shared.Rent(total);
            try
            {
                GrpcFrame.WriteHeader(rented, size);
                answer.WriteTo(rented.AsSpan(GrpcFrame.HeaderSize, size));
                await writer.WriteAsync(rented.AsMemory(0, total), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        response.AppendTrailer("grpc-status", "0");
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task WriteStatusAsync(HttpContext context, GrpcStatusCode code, string message)
    {
        var response = context.Response;
        var encoded = GrpcStatusMessage.Encode(GrpcStatusMessage.Shorten(message));
        if (!response.HasStarted)
        {
            // Trailers-Only: the status rides on the only HEADERS frame, which ends the stream.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-accept-encoding"] = "identity";
            response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = encoded;
            await response.CompleteAsync();
            return;
        }

        response.AppendTrailer("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.AppendTrailer("grpc-message", encoded);
    }
}
