using System.Diagnostics.Metrics;

namespace FastScale.Engine.NodeGroups;

/// <summary>
/// Per-group gauges on the <c>FastScale.NodeGroups</c> meter, read from the registry at scrape time (nothing is
/// recorded on the hot path): <c>fastscale_node_group_target_size{group}</c> and
/// <c>fastscale_node_group_instances{group,state}</c> with <c>state</c> one of <c>creating</c>, <c>running</c>,
/// <c>deleting</c> and <c>failed</c> (a failed creation the autoscaler has not yet given up). Every state is reported
/// for every group, zeros included, so a dashboard's series never vanish.
/// </summary>
public sealed class NodeGroupMetrics : IDisposable
{
    public const string MeterName = "FastScale.NodeGroups";

    private const int StateCount = 4;
    private readonly Meter _meter;

    public NodeGroupMetrics(NodeGroupRegistry registry, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("fastscale_node_group_target_size",
            () => registry.Groups.Select(g => new Measurement<int>(g.TargetSize, Group(g))),
            description: "The node group's target size: instances it should have, as the autoscaler and fast mode set it.");
        _meter.CreateObservableGauge("fastscale_node_group_instances", () => Instances(registry),
            description: "Instances of the node group by state (creating, running, deleting, failed creation).");
    }

    public void Dispose() => _meter.Dispose();

    private static List<Measurement<int>> Instances(NodeGroupRegistry registry)
    {
        var measurements = new List<Measurement<int>>(registry.Groups.Count * StateCount);
        var counts = new int[StateCount];
        foreach (var group in registry.Groups)
        {
            Array.Clear(counts);
            foreach (var instance in group.Instances)
            {
                counts[StateIndex(instance)]++;
            }

            for (var i = 0; i < StateCount; i++)
            {
                measurements.Add(new Measurement<int>(counts[i], Group(group), new KeyValuePair<string, object?>("state", StateName(i))));
            }
        }

        return measurements;
    }

    private static string StateName(int index) => index switch
    {
        0 => "creating",
        1 => "running",
        2 => "deleting",
        _ => "failed",
    };

    private static int StateIndex(GroupInstance instance) => instance switch
    {
        { IsFailedCreation: true } => 3,
        { State: InstanceState.Creating } => 0,
        { State: InstanceState.Running } => 1,
        _ => 2,
    };

    private static KeyValuePair<string, object?> Group(NodeGroup group) => new("group", group.Id);
}
