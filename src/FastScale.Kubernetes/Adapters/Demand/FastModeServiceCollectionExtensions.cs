using FastScale.Engine.Demand;
using FastScale.Kubernetes.Informers;
using FastScale.Kubernetes.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>What fast mode reads of a cluster: its unbound and bound pods and its Nodes.</summary>
/// <param name="UnboundPods">Unbound, unfinished pods (<see cref="KubernetesPendingPodSource.FieldSelector"/>).</param>
/// <param name="BoundPods">Bound, unfinished pods (<see cref="BoundPodLedger.FieldSelector"/>).</param>
/// <param name="NodeByProviderId">The Node of an instance, by its providerID in any accepted form; null until it registers.</param>
/// <param name="HasNodeNamed">Whether a Node of that name exists (a pod nominated to a gone node no longer counts as placed).</param>
/// <param name="NodesCurrent">Whether the Nodes have been listed and are followed: until then no node's room is known.</param>
internal sealed record FastModeSources(
    IInformer<Pod> UnboundPods, IInformer<Pod> BoundPods, Func<string, Node?> NodeByProviderId, Func<string, bool> HasNodeNamed, Func<bool> NodesCurrent);

/// <summary>
/// Fast mode's Kubernetes adapters over a cluster's pods and Nodes, wired once for every command that runs the engine:
/// <c>serve</c> gives them informers over the API server, <c>plan</c> informers fed in memory. The engine's
/// <c>AddDemand</c> is left to the caller, which decides where it runs (serve: only while leading).
/// </summary>
internal static class FastModeServiceCollectionExtensions
{
    /// <summary>The pending-pod source, the bound-pod ledger (both run as hosted services), node readiness and node room.</summary>
    public static IServiceCollection AddFastModeSources(this IServiceCollection services, Func<IServiceProvider, FastModeSources> sources)
    {
        services.AddSingleton(sources);
        services.AddSingleton<NominatedPodLedger>();
        services.AddSingleton(sp => new KubernetesPendingPodSource(
            sp.GetRequiredService<FastModeSources>().UnboundPods, sp.GetRequiredService<NominatedPodLedger>(), sp.GetRequiredService<FastModeSources>().HasNodeNamed));
        services.AddSingleton<IPendingPodSource>(sp => sp.GetRequiredService<KubernetesPendingPodSource>());
        services.AddHostedService<PendingPodSourceService>();
        services.AddSingleton(sp => new BoundPodLedger(sp.GetRequiredService<FastModeSources>().BoundPods));
        services.AddHostedService(sp => sp.GetRequiredService<BoundPodLedger>());
        services.AddSingleton<INodeReadiness>(sp => new Readiness.KubernetesNodeReadiness(
            sp.GetRequiredService<FastModeSources>().NodeByProviderId, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<INodeRoom>(sp => new KubernetesNodeRoom(
            sp.GetRequiredService<FastModeSources>().NodeByProviderId, sp.GetRequiredService<BoundPodLedger>(), sp.GetRequiredService<NominatedPodLedger>(),
            sp.GetRequiredService<FastModeSources>().NodesCurrent));
        return services;
    }
}
