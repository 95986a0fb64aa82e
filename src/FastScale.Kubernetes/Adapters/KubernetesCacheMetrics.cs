using System.Diagnostics.Metrics;
using FastScale.Kubernetes.Adapters.Demand;
using FastScale.Kubernetes.Adapters.Nodes;

namespace FastScale.Kubernetes.Adapters;

/// <summary>
/// <c>fastscale_kubernetes_cached_objects{cache}</c>: how many objects each of the provider's watches holds, read at
/// scrape time. The informer caches are most of the provider's memory on a large cluster, so this is what to read
/// beside <c>process_resident_memory_bytes</c>; and a cache that stays at 0 shows a watch that never synced.
/// </summary>
internal sealed class KubernetesCacheMetrics : IDisposable
{
    public const string MeterName = "FastScale.KubernetesCaches";

    private readonly Meter _meter;

    public KubernetesCacheMetrics(NodeCache nodes, KubernetesPendingPodSource pending, BoundPodLedger bound, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("fastscale_kubernetes_cached_objects", () => new Measurement<int>[]
        {
            new(nodes.Informer.Count, new KeyValuePair<string, object?>("cache", "nodes")),
            new(pending.CachedPods, new KeyValuePair<string, object?>("cache", "unbound_pods")),
            new(bound.CachedPods, new KeyValuePair<string, object?>("cache", "bound_pods")),
        }, description: "Objects in each of the provider's Kubernetes watch caches (nodes, unbound pods, bound pods).");
    }

    public void Dispose() => _meter.Dispose();
}
