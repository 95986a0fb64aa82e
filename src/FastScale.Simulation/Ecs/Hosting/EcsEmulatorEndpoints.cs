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

    public static IEndpointConventionBuilder MapEcsEmulator(this IEndpointRouteBuilder endpoints, EcsEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(emulator);
        return endpoints.MapMethods("/", ["GET", "POST"], context => ServeAsync(context, emulator));
    }

    private static async Task ServeAsync(HttpContext context, EcsEmulator emulator)
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

        var answer = emulator.Handle(new EcsWireRequest
        {
            Method = request.Method,
            Path = request.Path.HasValue ? request.Path.Value! : "/",
            RawQuery = request.QueryString.Value,
            Headers = headers,
            Body = body.ToArray(),
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
        });

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = EcsWireResponse.ContentType;
        await context.Response.WriteAsync(answer.Json, context.RequestAborted);
    }
}
