using FastScale.Engine.NodeGroups;

namespace FastScale.Engine.Rollout;

/// <summary>
/// A group's nodes as one rollout pass counted them: old (drifted, with whether each is Ready and open), surge not yet
/// Ready, failed surge launches, new-template nodes, nodes draining, nodes available, and current-template nodes on
/// their way that are not the rollout's own (a scale-out or a repair).
/// </summary>
internal sealed class NodeCensus
{
    public List<(GroupInstance Instance, bool Ready)> Old { get; } = [];
    public List<GroupInstance> SurgeNotReady { get; } = [];
    public List<GroupInstance> FailedSurge { get; } = [];
    public DriftReasons Reasons { get; set; }
    public int New { get; set; }
    public int Draining { get; set; }
    public int Available { get; set; }
    public int ScaleOutComing { get; set; }
}
