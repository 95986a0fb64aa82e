namespace FastScale.Ecs.Actions;

/// <summary>One entry of StartInstances/StopInstances' <c>InstanceResponses</c>; <see cref="Code"/> is "200" when that instance succeeded.</summary>
public sealed record InstanceStateChange(string InstanceId, string? Code, string? Message, string? PreviousStatus, string? CurrentStatus);
