using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Engine.Launch;

public static class LaunchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the account's <see cref="CloudApiBudget"/>, the <see cref="PacedCloud"/> every component calls the cloud
    /// through, and the <see cref="Launcher"/> as singletons. Needs <see cref="TimeProvider"/>, the
    /// <see cref="Policy.ScalePolicy"/>, an <see cref="Cloud.ICloud"/> (the raw port, for the paced cloud only) and logging in the
    /// container. Throws at registration if the options are invalid, listing every problem.
    /// </summary>
    public static IServiceCollection AddLauncher(
        this IServiceCollection services, LauncherOptions? launcherOptions = null, CloudApiBudgetOptions? budgetOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        launcherOptions ??= new LauncherOptions();
        budgetOptions ??= new CloudApiBudgetOptions();
        var problems = launcherOptions.Validate().Concat(budgetOptions.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        services.AddSingleton(launcherOptions);
        services.AddSingleton(budgetOptions);
        services.AddMetrics();
        services.TryAddSingleton(sp => new CloudApiMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<CloudApiBudget>();
        services.AddSingleton<PacedCloud>();
        services.AddSingleton<Launcher>();
        return services;
    }
}
