using System.Diagnostics.Metrics;
using FastScale.Engine.NodeGroups;
using FastScale.Engine.WarmPool;

namespace FastScale.Engine.Rollout;

/// <summary>
/// <c>fastscale_nodes_drifted{group,pool}</c> on the <c>FastScale.Rollout</c> meter: instances whose template no longer
/// matches the group's policy (<see cref="DriftDetector"/>), judged at scrape time from the engine's records (nothing is
/// recorded on the hot path). <c>pool</c> is <c>nodes</c> (the group's instances, failed slots and those being deleted
/// left out) or <c>warm</c> (its warm pool, reported for groups whose policy asks for one: the series stays put while the pool empties). Every series is reported from
/// start-up, zeros included, so a dashboard's series never vanish and an alert on drift reads 0, not "no data".
/// </summary>
public sealed class DriftMetrics : IDisposable
{
    public const string MeterName = "FastScale.Rollout";
    public const string Instrument = "fastscale_nodes_drifted";

    private readonly Meter _meter;

    public DriftMetrics(NodeGroupRegistry registry, WarmPoolManager? pools, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge(Instrument, () => Measure(registry, pools),
            description: "Instances launched from a template the group's policy no longer describes (image, security group, labels, taints, or an instance type or zone no longer listed), by pool: nodes or warm.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> Measure(NodeGroupRegistry registry, WarmPoolManager? pools)
    {
        foreach (var group in registry.Groups)
        {
            var hash = NodeTemplateHash.Of(group.Policy);
            var nodes = group.Instances.Count(i => i.Lifecycle is not (InstanceLifecycle.Failed or InstanceLifecycle.Deleting)
                && DriftDetector.Judge(group.Policy, i.Origin, hash).IsDrifted);
            yield return new Measurement<int>(nodes, Group(group), new KeyValuePair<string, object?>("pool", "nodes"));
            if (group.Policy.WarmPool.Size > 0 && pools?.Members(group.Id) is { } warm)
            {
                var drifted = warm.Count(m => DriftDetector.Judge(group.Policy, m.Origin, hash).IsDrifted);
                yield return new Measurement<int>(drifted, Group(group), new KeyValuePair<string, object?>("pool", "warm"));
            }
        }
    }

    private static KeyValuePair<string, object?> Group(NodeGroup group) => new("group", group.Id);
}
