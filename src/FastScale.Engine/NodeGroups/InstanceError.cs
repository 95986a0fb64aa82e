namespace FastScale.Engine.NodeGroups;

/// <summary>Why a requested instance could not be created, as reported to the autoscaler.</summary>
public sealed record InstanceError(InstanceErrorClass Class, string Code, string Message);
