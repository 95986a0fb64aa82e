using System.Diagnostics.Metrics;
using FastScale.Engine.Rollout;
using FastScale.Kubernetes.Client;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastScale.Kubernetes.Adapters.Rollout;

/// <summary>The rollout's Kubernetes side, wired in one call: the node drainer and the Events poster.</summary>
internal static class RolloutServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="INodeDrainer"/> (<see cref="KubernetesNodeDrainer"/>), <see cref="IRolloutEvents"/>
    /// (<see cref="KubernetesRolloutEvents"/>, also a hosted service: it posts from its own loop) and
    /// <see cref="RolloutEvictionMetrics"/>. Needs <see cref="IKubernetesApiClient"/>, <see cref="TimeProvider"/>,
    /// logging and <see cref="IMeterFactory"/> registered; <paramref name="nodes"/> gives the host's node informer,
    /// built with <see cref="Nodes.NodeIndexes.ForNodes"/> and run by the host.
    /// </summary>
    /// <param name="environment">Reads POD_NAME and POD_NAMESPACE (<see cref="RolloutEventTarget"/>); default the process environment.</param>
    public static IServiceCollection AddKubernetesRollout(
        this IServiceCollection services,
        Func<IServiceProvider, IInformer<Node>> nodes,
        RolloutDrainOptions? options = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        options ??= new RolloutDrainOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("rollout drain options: " + string.Join("; ", problems), nameof(options));
        }

        services.AddSingleton(sp => new RolloutEvictionMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<INodeDrainer>(sp => new KubernetesNodeDrainer(
            sp.GetRequiredService<IKubernetesApiClient>(), nodes(sp), sp.GetRequiredService<RolloutEvictionMetrics>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubernetesNodeDrainer>>()));
        services.AddSingleton(sp => new KubernetesRolloutEvents(
            sp.GetRequiredService<IKubernetesApiClient>(), RolloutEventTarget.FromEnvironment(environment ?? Environment.GetEnvironmentVariable),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubernetesRolloutEvents>>()));
        services.AddSingleton<IRolloutEvents>(sp => sp.GetRequiredService<KubernetesRolloutEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<KubernetesRolloutEvents>());
        return services;
    }
}
