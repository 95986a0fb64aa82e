using System.Text.Json.Nodes;
using FastScale.Simulation.Ecs.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FastScale.Simulation.Ecs.Hosting;

/// <summary>
/// Puts an <see cref="EcsBrownout"/> in front of the emulator's API: a metered call it fails is answered 503 without
/// reaching the emulator, or reaches it (and takes effect) while its answer is thrown away and the connection dropped
/// after the brownout's timeout. A middleware, so the emulator and its endpoints know nothing of it.
/// </summary>
internal static class EcsBrownoutMiddleware
{
    public static IApplicationBuilder UseEcsBrownout(this IApplicationBuilder app, EcsBrownout brownout, EcsEmulatorOptions options, TimeProvider time) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var metered = options.UnmeteredTrafficHeader is not { } unmetered || !request.Headers.ContainsKey(unmetered);
            var fate = metered && request.Path == "/" ? brownout.Decide(ActionOf(request)) : BrownoutFate.Served;
            switch (fate)
            {
                case BrownoutFate.ServerError:
                    await WriteServiceUnavailableAsync(context);
                    return;
                case BrownoutFate.TimedOut:
                    // Done, but the answer is lost: the caller cannot tell whether its call took effect.
                    context.Response.Body = Stream.Null;
                    await next(context);
                    await Task.Delay(brownout.TimeoutOfCurrentWindow, time, context.RequestAborted);
                    context.Abort();
                    return;
                case BrownoutFate.Served:
                default:
                    await next(context);
                    return;
            }
        });

    /// <summary>The action as the brownout counts it: the ROA header, else the RPC query's <c>Action</c> (a form body is not read twice).</summary>
    private static string ActionOf(HttpRequest request) =>
        request.Headers.TryGetValue("x-acs-action", out var action) ? action.ToString() : request.Query["Action"].ToString();

    private static async Task WriteServiceUnavailableAsync(HttpContext context)
    {
        var error = EcsErrors.ServiceUnavailable();
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = EcsWireResponse.ContentType;
        var body = new JsonObject
        {
            ["RequestId"] = Guid.Empty.ToString("D").ToUpperInvariant(),
            ["HostId"] = context.Request.Host.Value,
            ["Code"] = error.Code,
            ["Message"] = error.Message,
        };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
