using System.Diagnostics.Metrics;
using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.WarmPool;

/// <summary>
/// Per-group warm-pool gauges on the <c>FastScale.WarmPool</c> meter, read from <see cref="WarmPoolManager.Status"/> at
/// scrape time: <c>fastscale_warm_pool_size{group}</c> (what the policy asks to keep) and
/// <c>fastscale_warm_pool_instances{group,state}</c> with <c>state</c> one of <c>launching</c>, <c>creating</c>,
/// <c>warming</c>, <c>stopping</c>, <c>ready</c>, <c>starting</c>, <c>releasing</c>;
/// <c>fastscale_warm_pool_keep_charging{group}</c>, ready instances the cloud stopped in standard mode although
/// economical mode was asked for; and, for groups with <c>prices</c>, <c>fastscale_warm_pool_idle_cost_per_hour{group}</c>:
/// ready instances at <c>stoppedPerHour</c>, those kept charging at <c>nodePerHour</c>. Only groups with a pool are
/// reported; for those every series is, zeros included, so a dashboard's series never vanish.
/// </summary>
public sealed class WarmPoolMetrics : IDisposable
{
    public const string MeterName = "FastScale.WarmPool";

    private readonly Meter _meter;

    public WarmPoolMetrics(NodeGroupRegistry registry, WarmPoolManager pools, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("fastscale_warm_pool_size",
            () => Statuses(registry, pools).Select(s => new Measurement<int>(s.Size, Group(s))),
            description: "Warm-pool instances the policy asks the group to keep stopped and ready.");
        _meter.CreateObservableGauge("fastscale_warm_pool_instances", () => Instances(registry, pools),
            description: "Warm-pool instances of the group by state (launching, creating, warming, stopping, ready, starting, releasing).");
        _meter.CreateObservableGauge("fastscale_warm_pool_keep_charging",
            () => Statuses(registry, pools).Select(s => new Measurement<int>(s.KeepCharging, Group(s))),
            description: "Ready warm-pool instances stopped in standard mode (KeepCharging) although economical mode was asked for: billed as running.");
        _meter.CreateObservableGauge("fastscale_warm_pool_idle_cost_per_hour", () => IdleCosts(registry, pools),
            description: "What the group's ready warm-pool instances cost per hour while they wait, from the policy's prices: stoppedPerHour each, nodePerHour for those kept charging.");
    }

    /// <summary>The idle cost of a pool's ready instances, from the group's prices; null when the group declares none.</summary>
    public static double? IdleCostPerHour(WarmPoolStatus status, Policy.PricePolicy? prices) =>
        prices is null ? null : ((status.Ready - status.KeepCharging) * prices.StoppedPerHour) + (status.KeepCharging * prices.NodePerHour);

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<WarmPoolStatus> Statuses(NodeGroupRegistry registry, WarmPoolManager pools) =>
        registry.Groups.Select(g => pools.Status(g.Id)).OfType<WarmPoolStatus>();

    private static IEnumerable<Measurement<int>> Instances(NodeGroupRegistry registry, WarmPoolManager pools)
    {
        foreach (var status in Statuses(registry, pools))
        {
            var group = Group(status);
            yield return State(status.Launching, group, "launching");
            yield return State(status.Creating, group, "creating");
            yield return State(status.Warming, group, "warming");
            yield return State(status.Stopping, group, "stopping");
            yield return State(status.Ready, group, "ready");
            yield return State(status.Starting, group, "starting");
            yield return State(status.Releasing, group, "releasing");
        }
    }

    private static IEnumerable<Measurement<double>> IdleCosts(NodeGroupRegistry registry, WarmPoolManager pools)
    {
        foreach (var group in registry.Groups)
        {
            if (pools.Status(group.Id) is { } status && IdleCostPerHour(status, group.Policy.Prices) is { } cost)
            {
                yield return new Measurement<double>(cost, Group(status));
            }
        }
    }

    private static Measurement<int> State(int count, KeyValuePair<string, object?> group, string state) =>
        new(count, group, new KeyValuePair<string, object?>("state", state));

    private static KeyValuePair<string, object?> Group(WarmPoolStatus status) => new("group", status.GroupId);
}
