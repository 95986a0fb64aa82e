using FastScale.Grpc.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FastScale.Serve;

/// <summary>
/// Request-size limits of every listener of the provider, so no peer (a scraper, a port scan, a confused client on the
/// gRPC port) can make it buffer more than a request needs. Kestrel's limits are per server, so the tightest bound that
/// each kind of request needs is enforced where that request is handled.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Header block, per request, on either listener: the autoscaler's gRPC headers and a scraper's take under 1 KiB.</summary>
    public const int MaxHeadersTotalBytes = 16 * 1024;

    public const int MaxHeaderCount = 64;

    /// <summary>Request line (HTTP/1.1) and any one header field (HTTP/2).</summary>
    public const int MaxRequestLineBytes = 4 * 1024;

    /// <summary>Body of a health or metrics request: they are all GETs, so none.</summary>
    public const long MaxHealthBodyBytes = 0;

    /// <summary>The gRPC frame header before each message: a compressed flag and a 4-byte length.</summary>
    private const int GrpcFrameHeaderBytes = 5;

    /// <summary>Server-wide: the largest body is one gRPC request message (the transport refuses larger ones unread).</summary>
    public static void Apply(KestrelServerOptions kestrel, GrpcTransportOptions grpc)
    {
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = (long)grpc.MaxReceiveMessageSize + GrpcFrameHeaderBytes;
        limits.MaxRequestHeadersTotalSize = MaxHeadersTotalBytes;
        limits.MaxRequestHeaderCount = MaxHeaderCount;
        limits.MaxRequestLineSize = MaxRequestLineBytes;
        limits.Http2.MaxRequestHeaderFieldSize = MaxRequestLineBytes;
    }

    /// <summary>
    /// Health and metrics requests carry no body: one that announces or sends one is answered 413 before anything is
    /// read, and the connection is closed rather than drained.
    /// </summary>
    public static IApplicationBuilder UseBodylessRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.ContentLength > MaxHealthBodyBytes || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsync("request bodies are not accepted here\n", context.RequestAborted);
            return;
        }

        await next(context);
    });
}
