using FastScale.Engine.Launch;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.Policy;
using FastScale.Engine.Reload;
using FastScale.Engine.WarmPool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastScale.Engine;

public static class FastScaleEngineServiceCollectionExtensions
{
    /// <summary>
    /// The engine as <c>serve</c>, <c>burst</c> and <c>plan</c> all run it: the policy's node groups, the autoscaler-facing
    /// <see cref="NodeGroupEngine"/>, the account's API budget and paced cloud, the launcher, warm pools, the shared launch
    /// batch sequence, and the <see cref="NodeGroupReconciler"/>. The host adds the edges: a <see cref="TimeProvider"/>,
    /// logging, an <see cref="Cloud.ICloud"/>, and, where a cluster can be seen, fast mode (<c>AddDemand</c>) and repair
    /// (<c>AddRepair</c>) with their cluster ports. The host also decides where the reconciler runs: <c>serve</c> hosts it
    /// (after the leader elector, so the lease is released only once its in-flight calls are done), <c>plan</c> calls
    /// <see cref="NodeGroupReconciler.RunAsync"/> on its virtual clock. Options are validated here.
    /// </summary>
    public static FastScaleEngine AddFastScaleEngine(this IServiceCollection services, ScalePolicy policy, FastScaleEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new FastScaleEngineOptions();
        var registry = new NodeGroupRegistry(policy);
        var signal = new ScaleSignal();
        var engine = new NodeGroupEngine(registry, signal, options.Role);

        // The start-up policy; after a reload the registry's Policy is the one in force (PolicyReloader).
        services.AddSingleton(policy);
        services.AddSingleton(registry);
        services.AddSingleton(signal);
        services.AddSingleton(options.Role);
        services.AddSingleton(engine);
        services.AddSingleton(options.Reconciler);
        services.TryAddSingleton<LaunchBatchSequence>();
        services.AddLauncher(options.Launcher, options.Budget);
        services.AddWarmPools(options.WarmPools);

        services.AddSingleton<NodeGroupReconciler>();

        // The one way to change the policy in force; the host decides when (a changed file, SIGHUP).
        services.AddSingleton(sp => new PolicyReloader(registry, sp.GetRequiredService<CloudApiBudget>(), sp.GetRequiredService<WarmPoolManager>()));
        return new FastScaleEngine(registry, engine, signal, options.Role);
    }
}
