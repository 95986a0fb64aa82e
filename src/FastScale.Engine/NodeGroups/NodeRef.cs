namespace FastScale.Engine.NodeGroups;

/// <summary>A node as the autoscaler names it. For instances without a Node both fields carry the instance id.</summary>
public readonly record struct NodeRef(string? ProviderId, string? Name);
