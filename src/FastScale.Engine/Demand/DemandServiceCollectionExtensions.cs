using System.Diagnostics.Metrics;
using FastScale.Engine.Controllers;
using FastScale.Engine.NodeGroups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Engine.Demand;

public static class DemandServiceCollectionExtensions
{
    /// <summary>
    /// Adds fast mode. The host must register an <see cref="IPendingPodSource"/>, and may register an
    /// <see cref="IDemandEvents"/> (default: none), an <see cref="INodeReadiness"/> (default: Running means ready), an
    /// <see cref="INodeRoom"/> (default: no Ready node's free room is known) and <see cref="DemandOptions"/> (default: the policy's fastModeWindow).
    /// The controller does nothing when the policy's provider.fastMode is false.
    /// </summary>
    public static IServiceCollection AddDemand(this IServiceCollection services)
    {
        services.TryAddSingleton<IDemandEvents, NoDemandEvents>();
        services.TryAddSingleton<INodeReadiness>(RunningMeansReady.Instance);
        services.TryAddSingleton<INodeRoom>(NoNodeRoom.Instance);
        services.TryAddSingleton(sp => new DemandMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp =>
        {
            var options = DemandOptions.From(sp.GetRequiredService<NodeGroupRegistry>().Policy.Provider);
            var problems = options.Validate();
            return problems.Count == 0 ? options : throw new InvalidOperationException("Demand options: " + string.Join("; ", problems));
        });
        services.AddSingleton<DemandController>();
        services.AddController<DemandController>();
        return services;
    }
}
