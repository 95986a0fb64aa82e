using FastScale.Engine.Repair;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Engine.WarmPool;

public static class WarmPoolServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="WarmPoolManager"/> (and its options) as a singleton; the <see cref="NodeGroups.NodeGroupReconciler"/>
    /// picks it up and drives every group's pool. Needs what <c>AddLauncher</c> needs, plus the <see cref="NodeGroups.NodeGroupRegistry"/>.
    /// Throws at registration if the options are invalid, listing every problem.
    /// </summary>
    public static IServiceCollection AddWarmPools(this IServiceCollection services, WarmPoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new WarmPoolOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        services.AddSingleton(options);
        services.AddSingleton<WarmPoolManager>();
        services.AddSingleton<IWarmInstances>(sp => sp.GetRequiredService<WarmPoolManager>());
        return services;
    }
}
