using System.Diagnostics.Metrics;
using FastScale.Engine.Controllers;
using FastScale.Engine.Launch;
using FastScale.Engine.Repair;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Engine.Rollout;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="RolloutController"/> (a singleton, and its passes as a hosted controller) and its
    /// <see cref="RolloutMetrics"/>. The host must register an <see cref="INodeDrainer"/> and an
    /// <see cref="INodeHealthSource"/>; <see cref="NoRolloutEvents"/> stands in unless it registers its own
    /// <see cref="IRolloutEvents"/>. Add after <c>AddRepair</c>: the rollout halts on the repair brake.
    /// </summary>
    public static IServiceCollection AddRollout(this IServiceCollection services, RolloutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new RolloutOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Rollout options: " + string.Join("; ", problems));
        }

        services.AddSingleton(options);
        services.TryAddSingleton<LaunchBatchSequence>();
        services.TryAddSingleton<IWarmInstances, NoWarmInstances>();
        services.TryAddSingleton<IRolloutEvents, NoRolloutEvents>();
        services.TryAddSingleton(sp => new RolloutMetrics(sp.GetService<IMeterFactory>()));
        services.AddSingleton<RolloutController>();
        services.AddController<RolloutController>();
        return services;
    }
}
