using FastScale.Engine.Cloud;
using FastScale.Engine.Cloud.InMemory;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Pricing;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>
/// The composition root of the provider: every component and hosted service of <c>fastscale serve</c> is wired here,
/// so this one file shows the whole running system.
/// </summary>
internal static class ProviderApp
{
    public static WebApplication Build(ServeSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpc(settings.Grpc);
            if (settings.MetricsListen is { } metrics)
            {
                var endpoint = ListenAddress.Parse(metrics);
                kestrel.Listen(endpoint, o => o.Protocols = HttpProtocols.Http1AndHttp2);
            }
        });

        var time = settings.Time;
        var registry = new NodeGroupRegistry(settings.Policy);
        var signal = new ScaleSignal();
        var engine = new NodeGroupEngine(registry, signal);
        var provider = new CloudProviderService(engine, new PriceCalculator(registry));

        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(settings.Policy);
        services.AddSingleton(registry);
        services.AddSingleton(signal);
        services.AddSingleton(engine);
        services.AddSingleton(settings.Reconciler);
        services.AddSingleton(settings.InMemoryCloud);
        services.AddSingleton<ICloud, InMemoryCloud>();
        services.AddHostedService<NodeGroupReconciler>();
        services.AddGrpcTransport(provider.Register);

        var app = builder.Build();
        app.MapWhen(IsGrpc, grpc => grpc.UseGrpcTransport());
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => registry.IsRecovered
            ? Results.Text("ready\n")
            : Results.Text("recovering node groups from the cloud\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    /// <summary>The gRPC address the app listens on, once started (with port 0, the port the OS chose).</summary>
    public static Uri GrpcAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    private static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
