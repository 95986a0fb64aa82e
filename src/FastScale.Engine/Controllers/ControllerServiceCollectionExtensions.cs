using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Engine.Controllers;

public static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Runs the registered singleton <typeparamref name="T"/> as a hosted <see cref="ControllerService"/>. Work its
    /// passes started is cancelled at once on stop unless <paramref name="drainTimeout"/> gives it time to finish.
    /// </summary>
    public static IServiceCollection AddController<T>(this IServiceCollection services, TimeSpan drainTimeout = default)
        where T : class, IController
    {
        ArgumentNullException.ThrowIfNull(services);
        // Added, not TryAddEnumerable'd as AddHostedService does: every controller is a ControllerService, and the
        // de-duplication by implementation type would keep only the first.
        services.Add(ServiceDescriptor.Singleton<IHostedService>(sp => new ControllerService(
            sp.GetRequiredService<T>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<T>(), drainTimeout)));
        return services;
    }
}
