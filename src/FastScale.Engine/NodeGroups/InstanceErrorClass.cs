namespace FastScale.Engine.NodeGroups;

/// <summary>The autoscaler's error classes: OutOfResources makes it back off the group and try another.</summary>
public enum InstanceErrorClass
{
    OutOfResources = 1,
    Other = 99,
}
