using FastScale.Simulation.Ecs.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FastScale.Simulation.Ecs.Hosting;

/// <summary>Serves an <see cref="EcsEmulator"/> on <c>/</c> (GET and POST) of an ASP.NET Core application.</summary>
public static class EcsEmulatorEndpoints
{
    /// <summary>Requests bigger than this are refused: the emulated API has no large bodies (UserData is at most 32 KB).</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <param name="brownout">When given, metered calls may fail as its window says.</param>
    public static IEndpointConventionBuilder MapEcsEmulator(
        this IEndpointRouteBuilder endpoints, EcsEmulator emulator, EcsBrownout? brownout = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(emulator);
        return endpoints.MapMethods("/", ["GET", "POST"], context => ServeAsync(context, emulator, brownout, time ?? TimeProvider.System));
    }

    private static async Task ServeAsync(HttpContext context, EcsEmulator emulator, EcsBrownout? brownout, TimeProvider time)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var metered = emulator.Options.UnmeteredTrafficHeader is not { } unmetered || !headers.ContainsKey(unmetered);
        var fate = brownout is not null && metered ? brownout.Decide(ActionOf(request, headers)) : BrownoutFate.Served;
        if (fate == BrownoutFate.ServerError)
        {
            await WriteServiceUnavailableAsync(context);
            return;
        }

        var answer = emulator.Handle(new EcsWireRequest
        {
            Method = request.Method,
            Path = request.Path.HasValue ? request.Path.Value! : "/",
            RawQuery = request.QueryString.Value,
            Headers = headers,
            Body = body.ToArray(),
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
        });

        if (fate == BrownoutFate.TimedOut)
        {
            // Done, but the answer is lost: the caller cannot tell whether its call took effect.
            await Task.Delay(brownout!.TimeoutOfCurrentWindow, time, context.RequestAborted);
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = EcsWireResponse.ContentType;
        await context.Response.WriteAsync(answer.Json, context.RequestAborted);
    }

    /// <summary>The action as the brownout counts it: the ROA header, else the RPC query's <c>Action</c>; the form is not read twice.</summary>
    private static string ActionOf(HttpRequest request, Dictionary<string, string> headers) =>
        headers.TryGetValue("x-acs-action", out var action) ? action : request.Query["Action"].ToString();

    private static async Task WriteServiceUnavailableAsync(HttpContext context)
    {
        var error = EcsErrors.ServiceUnavailable();
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = EcsWireResponse.ContentType;
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["RequestId"] = Guid.Empty.ToString("D").ToUpperInvariant(),
            ["HostId"] = context.Request.Host.Value,
            ["Code"] = error.Code,
            ["Message"] = error.Message,
        };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
