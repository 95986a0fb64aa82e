namespace FastScale.Tests.Metrics;

/// <summary>
/// <c>serve --embedded</c> scraped through a small burst (warm pool fill, pending pods for fast mode, an IncreaseSize):
/// promtool accepts every scrape, and each family the operator's dashboard relies on exists and moves when its event
/// happens.
/// </summary>
public sealed class EmbeddedMetricsTests
{
    private const string Group = EmbeddedTraffic.Group;

    [Fact]
    public async Task Metrics_ThroughAnEmbeddedBurst_PassPromtoolAndEveryFamilyMoves()
    {
        await using var traffic = await EmbeddedTraffic.StartAsync();

        await traffic.RunAsync();

        var (start, full, pending, after) = (traffic.AtStart!, traffic.PoolFull!, traffic.WithPendingPods!, traffic.AfterBurst!);
        foreach (var scrape in new[] { start, full, pending, after })
        {
            await Promtool.AssertValidAsync(scrape.Text);
        }

        // gRPC: the IncreaseSize is counted by method and code, and timed.
        Assert.True(after.HasFamily("fastscale_grpc_requests_total", "counter"));
        Assert.Equal(1, after.ValueOrZero("fastscale_grpc_requests_total", ("method", "NodeGroupIncreaseSize"), ("code", "OK")));
        Assert.True(after.HasFamily("fastscale_grpc_request_duration_seconds", "histogram"));
        Assert.Equal(1, after.ValueOrZero("fastscale_grpc_request_duration_seconds_count", ("method", "NodeGroupIncreaseSize")));

        // Cloud API: runs, starts (warm pool), stops (warm pool fill) and describes, by action and outcome.
        Assert.True(Rise(full, after, "fastscale_cloud_api_calls_total", ("action", "RunInstances"), ("outcome", "success")) >= 1);
        Assert.True(Rise(full, after, "fastscale_cloud_api_calls_total", ("action", "StartInstances"), ("outcome", "success")) >= 1);
        Assert.True(Rise(start, full, "fastscale_cloud_api_calls_total", ("action", "StopInstances"), ("outcome", "success")) >= 1);
        Assert.True(after.HasFamily("fastscale_cloud_api_throttled_total", "counter"));
        Assert.True(after.HasFamily("fastscale_cloud_api_retries_total", "counter"));
        Assert.True(after.HasFamily("fastscale_cloud_api_in_flight", "gauge"));

        // Per-group series exist from start-up at zero, so a dashboard or an alert never reads "no data".
        Assert.Equal(0, start.Value("fastscale_node_ready_seconds_count", ("group", Group)));
        Assert.Equal(0, start.Value("fastscale_node_ready_seconds_bucket", ("group", Group), ("le", "+Inf")));
        Assert.Equal(0, start.Value("fastscale_demand_decisions_total", ("group", Group)));
        Assert.Equal(0, start.Value("fastscale_demand_nodes_requested_total", ("group", Group)));
        Assert.Equal(0, start.Value("fastscale_repairs_total", ("group", Group), ("reason", "never_ready")));

        // Readiness: one observation per instance launched into the group (2 warm starts, then new instances).
        Assert.True(after.HasFamily("fastscale_node_ready_seconds", "histogram"));
        var launched = EmbeddedTraffic.FittingPods + EmbeddedTraffic.IncreaseDelta;
        var final = await traffic.ScrapeAsync();
        Assert.Equal(launched, Rise(full, final, "fastscale_node_ready_seconds_count", ("group", Group)));
        Assert.True(Rise(full, final, "fastscale_node_ready_seconds_sum", ("group", Group)) > 0);
        Assert.Equal(launched, final.ValueOrZero("fastscale_node_ready_seconds_bucket", ("group", Group), ("le", "+Inf")));

        // Group gauges.
        Assert.Equal(launched, after.Value("fastscale_node_group_target_size", ("group", Group)));
        Assert.Equal(launched, after.Value("fastscale_node_group_instances", ("group", Group), ("state", "running")));

        // The provider's own memory, and what each of its watches holds (the memory load test reads these from outside).
        Assert.True(final.HasFamily("process_resident_memory_bytes", "gauge"));
        Assert.True(final.Value("process_resident_memory_bytes") > 0);
        Assert.True(final.Value("dotnet_gc_heap_size_bytes") > 0);
        Assert.True(final.Value("dotnet_gc_committed_bytes") > 0);
        Assert.Contains(final.Value("dotnet_gc_server"), new double?[] { 0, 1 });
        Assert.True(final.HasFamily("fastscale_kubernetes_cached_objects", "gauge"));
        Assert.True(final.Value("fastscale_kubernetes_cached_objects", ("cache", "nodes")) >= launched);
        Assert.True(final.Value("fastscale_kubernetes_cached_objects", ("cache", "bound_pods")) >= EmbeddedTraffic.FittingPods);
        Assert.True(final.Value("fastscale_kubernetes_cached_objects", ("cache", "unbound_pods")) >= EmbeddedTraffic.UnplaceablePods);

        // Warm pool: empty at start, full before the burst; the size is the policy's.
        Assert.True(after.HasFamily("fastscale_warm_pool_instances", "gauge"));
        Assert.Equal(0, start.ValueOrZero("fastscale_warm_pool_instances", ("group", Group), ("state", "ready")));
        Assert.Equal(EmbeddedTraffic.WarmPoolSize, full.Value("fastscale_warm_pool_instances", ("group", Group), ("state", "ready")));
        Assert.Equal(EmbeddedTraffic.WarmPoolSize, after.Value("fastscale_warm_pool_size", ("group", Group)));
        Assert.Equal(0, full.Value("fastscale_warm_pool_keep_charging", ("group", Group))); // the emulator grants economical mode
        Assert.NotNull(after.Value("fastscale_warm_pool_instances", ("group", Group), ("state", "starting")));

        // Demand: pending pods seen, decisions made and timed from unschedulable.
        Assert.True(after.HasFamily("fastscale_demand_pending_pods", "gauge"));
        Assert.Equal(0, start.Value("fastscale_demand_pending_pods"));
        Assert.True(pending.Value("fastscale_demand_pending_pods") >= EmbeddedTraffic.UnplaceablePods);
        Assert.Equal(EmbeddedTraffic.UnplaceablePods, after.Value("fastscale_demand_pending_pods"));
        Assert.True(Rise(start, after, "fastscale_demand_decisions_total", ("group", Group)) >= 1);
        Assert.True(Rise(start, after, "fastscale_demand_decision_seconds_count", ("group", Group)) >= 1);
        Assert.True(after.HasFamily("fastscale_demand_unplaceable_pods_total", "counter"));

        // Repair: registered from the start, paused gauge per group, nothing replaced in a healthy burst.
        Assert.True(start.HasFamily("fastscale_repair_paused", "gauge"));
        Assert.True(start.HasFamily("fastscale_repairs_total", "counter"));
        Assert.Equal(0, after.ValueOrZero("fastscale_repairs_total", ("group", Group), ("reason", "never_ready")));

        // Drift: reported per group from start-up, for nodes and (this group has a pool) warm instances; nodes launched
        // and warm instances created under the policy the provider runs are never drifted, read back over the ECS wire.
        Assert.True(start.HasFamily("fastscale_nodes_drifted", "gauge"));
        Assert.Equal(0, start.Value("fastscale_nodes_drifted", ("group", Group), ("pool", "nodes")));
        Assert.Equal(0, start.Value("fastscale_nodes_drifted", ("group", Group), ("pool", "warm")));
        Assert.Equal(0, after.Value("fastscale_nodes_drifted", ("group", Group), ("pool", "nodes")));
        Assert.Equal(0, full.Value("fastscale_nodes_drifted", ("group", Group), ("pool", "warm")));

        Assert.Equal(1, after.Value("fastscale_leader"));
    }

    private static double Rise(Scrape before, Scrape after, string name, params (string, string)[] labels) =>
        after.ValueOrZero(name, labels) - before.ValueOrZero(name, labels);
}
