using FastScale.Engine.Leadership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FastScale.Kubernetes.Adapters.Leadership;

internal static class LeaderOnlyServices
{
    /// <summary>
    /// Wraps every hosted service registered from index <paramref name="from"/> on in a <see cref="LeaderOnlyService"/>,
    /// so a block of the composition root can say "all of this runs only on the leader" without the services knowing.
    /// </summary>
    internal static void GateFrom(IServiceCollection services, int from)
    {
        for (var i = from; i < services.Count; i++)
        {
            var original = services[i];
            if (original.ServiceType != typeof(IHostedService) || original.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new LeaderOnlyService(
                Create(sp, original), sp.GetRequiredService<ReplicaRole>(), sp.GetRequiredService<TimeProvider>()));
        }
    }

    private static IHostedService Create(IServiceProvider services, ServiceDescriptor original) =>
        (IHostedService)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!));
}
