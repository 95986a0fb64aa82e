namespace FastScale.LoadTests.Memory;

/// <summary>Reads the provider's scrapes against the world the run built: whether it sees everything yet, and the
/// largest GC heap any scrape showed.</summary>
internal sealed class SyncWatch(int instances, int pods)
{
    private readonly int _pending = MemoryClusterSeed.PendingCount(pods);
    private long _peakHeap;

    public void Observe(ProviderScrape scrape) => _peakHeap = Math.Max(_peakHeap, (long)scrape.Sum("dotnet_gc_heap_size_bytes"));

    public bool SawEverything(ProviderScrape s) =>
        (int)s.Sum("fastscale_node_group_instances", "state=\"running\"") == instances
        && (int)s.Sum("fastscale_kubernetes_cached_objects", "cache=\"nodes\"") == instances
        && (int)s.Sum("fastscale_kubernetes_cached_objects", "cache=\"unbound_pods\"") == _pending
        && (int)s.Sum("fastscale_kubernetes_cached_objects", "cache=\"bound_pods\"") == pods - _pending
        && (int)s.Sum("fastscale_demand_pending_pods") == _pending;

    public MemoryRunResult Result(ProviderScrape? last, TimeSpan? synced, long peakRss, long rss, long anonymous, long launches, string gc) => new()
    {
        Instances = instances,
        Pods = pods,
        PendingPods = _pending,
        Synced = synced is not null,
        SyncTime = synced ?? TimeSpan.Zero,
        SeenInstances = (int)(last?.Sum("fastscale_node_group_instances", "state=\"running\"") ?? 0),
        SeenNodes = (int)(last?.Sum("fastscale_kubernetes_cached_objects", "cache=\"nodes\"") ?? 0),
        SeenUnboundPods = (int)(last?.Sum("fastscale_kubernetes_cached_objects", "cache=\"unbound_pods\"") ?? 0),
        SeenBoundPods = (int)(last?.Sum("fastscale_kubernetes_cached_objects", "cache=\"bound_pods\"") ?? 0),
        SeenPendingPods = (int)(last?.Sum("fastscale_demand_pending_pods") ?? 0),
        ProviderLaunches = launches,
        PeakRssBytes = peakRss,
        RssBytes = rss,
        AnonymousRssBytes = anonymous,
        GcHeapBytes = (long)(last?.Sum("dotnet_gc_heap_size_bytes") ?? 0),
        PeakGcHeapBytes = _peakHeap,
        GcCommittedBytes = (long)(last?.Sum("dotnet_gc_committed_bytes") ?? 0),
        GcMode = last is null || !last.Has("dotnet_gc_server") ? "unknown" : last.Sum("dotnet_gc_server") == 1 ? "server" : "workstation",
        GcSetting = gc,
    };
}
