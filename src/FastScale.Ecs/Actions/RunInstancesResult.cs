namespace FastScale.Ecs.Actions;

public sealed record RunInstancesResult(string RequestId, IReadOnlyList<string> InstanceIds, string? OrderId);
