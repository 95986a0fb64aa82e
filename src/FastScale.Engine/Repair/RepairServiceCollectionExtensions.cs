using System.Diagnostics.Metrics;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Engine.Repair;

public static class RepairServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="Repairer"/> (as a singleton, and its passes as a hosted controller), its <see cref="RepairMetrics"/>, the
    /// shared <see cref="LaunchBatchSequence"/> (the reconciler takes it too, so repair and scale-out draw batch numbers
    /// from one sequence) and <see cref="NoWarmInstances"/> unless a warm pool registered its own
    /// <see cref="IWarmInstances"/>. The host must register an <see cref="INodeHealthSource"/>. Throws at registration
    /// if the options are invalid, listing every problem. Groups whose policy has repair disabled are left alone.
    /// </summary>
    public static IServiceCollection AddRepair(this IServiceCollection services, RepairOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new RepairOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Repair options: " + string.Join("; ", problems));
        }

        services.AddSingleton(options);
        services.TryAddSingleton<LaunchBatchSequence>();
        services.TryAddSingleton<IWarmInstances, NoWarmInstances>();
        services.TryAddSingleton(sp => new RepairMetrics(sp.GetService<IMeterFactory>()));
        services.AddSingleton<Repairer>();
        services.AddController<Repairer>();
        return services;
    }
}
