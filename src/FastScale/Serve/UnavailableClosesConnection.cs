using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FastScale.Serve;

/// <summary>
/// After a call answered UNAVAILABLE (a follower refusing a write, a leader still rebuilding), asks Kestrel to close
/// the connection gracefully (HTTP/2 GOAWAY once the calls on it finish). The autoscaler keeps one connection and
/// kube-proxy chooses a backend only when a connection opens, so without this a connection made to the leader stays on
/// that pod after it loses the lease (alive, but no longer labelled), and every write fails until something breaks it.
/// The next call opens a new connection, which the leader-only Service sends to the current leader.
/// </summary>
internal static class UnavailableClosesConnection
{
    private const string Unavailable = "14";

    public static IApplicationBuilder UseUnavailableClosesConnection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (IsUnavailable(context))
            {
                context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
            }
        });

    // Trailers-only answers carry grpc-status in the headers; answers with a body, in the trailers.
    private static bool IsUnavailable(HttpContext context) =>
        context.Response.Headers["grpc-status"].ToString() == Unavailable
        || context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString() == Unavailable;
}
