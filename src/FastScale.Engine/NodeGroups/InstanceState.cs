namespace FastScale.Engine.NodeGroups;

/// <summary>An instance's state as the autoscaler sees it (externalgrpc InstanceState).</summary>
public enum InstanceState
{
    Creating,
    Running,
    Deleting,
}
