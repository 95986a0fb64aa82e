using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastScale.Ecs;

public static class EcsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EcsClient"/>, <see cref="EcsCloud"/> and <see cref="ICloud"/> as singletons. Uses the
    /// container's <see cref="TimeProvider"/> when one is registered, the system clock otherwise. Throws at
    /// registration if the options are invalid, listing every problem.
    /// </summary>
    public static IServiceCollection AddEcsCloud(this IServiceCollection services, EcsClientOptions options, EcsCredentials credentials, HttpMessageHandler? handler = null) =>
        services.AddEcsCloud(options, new StaticCredentialsProvider(credentials ?? throw new ArgumentNullException(nameof(credentials))), handler);

    /// <summary>As above, with credentials read per request from <paramref name="credentials"/> (refreshed STS credentials, say).</summary>
    public static IServiceCollection AddEcsCloud(this IServiceCollection services, EcsClientOptions options, ICredentialsProvider credentials, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        services.AddSingleton(sp => new EcsClient(
            // Connections are recycled so a DNS change of the endpoint is picked up; the container owns the client for the process lifetime.
            new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            options,
            credentials,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<EcsClient>>()));
        services.AddSingleton(sp => new EcsCloud(
            sp.GetRequiredService<EcsClient>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ICloud>(sp => sp.GetRequiredService<EcsCloud>());
        return services;
    }
}
