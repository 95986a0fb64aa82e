using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="IMeterFactory"/> every instrument is created from and the exporter that reads them.</summary>
    public static IServiceCollection AddPrometheusExporter(this IServiceCollection services, PrometheusExporterOptions? options = null)
    {
        services.AddMetrics();
        services.TryAddSingleton(options ?? new PrometheusExporterOptions());
        services.TryAddSingleton<PrometheusExporter>();
        return services;
    }

    /// <summary>Registers <typeparamref name="T"/> as a singleton that <see cref="MapPrometheusMetrics"/> creates.</summary>
    public static IServiceCollection AddMetricsSource<T>(this IServiceCollection services, Func<IServiceProvider, T> create)
        where T : class
    {
        services.AddSingleton(create);
        services.AddSingleton(new MetricsSource(sp => sp.GetRequiredService<T>()));
        return services;
    }

    /// <summary>
    /// Serves <c>GET /metrics</c>. Creates the exporter and the metric sources now, before the app starts, so nothing
    /// that happens before the first scrape goes uncounted.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this WebApplication app)
    {
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        foreach (var source in app.Services.GetServices<MetricsSource>())
        {
            source.Activate(app.Services);
        }

        return app.MapGet("/metrics", async context =>
        {
            var text = exporter.Scrape();
            context.Response.ContentType = PrometheusExporter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
        });
    }
}
