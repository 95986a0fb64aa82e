using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Grpc.Transport;

public static class GrpcTransportExtensions
{
    /// <summary>Registers the transport and the methods <paramref name="register"/> adds.</summary>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServiceRegistry> register)
    {
        var registry = new GrpcServiceRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.TryAddSingleton(new GrpcTransportOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GrpcMetrics>();
        services.AddSingleton<GrpcRequestHandler>();
        return services;
    }

    /// <summary>Answers every request of this branch as a gRPC call.</summary>
    public static void UseGrpcTransport(this IApplicationBuilder app)
    {
        var handler = app.ApplicationServices.GetRequiredService<GrpcRequestHandler>();
        app.Run(handler.HandleAsync);
    }
}
