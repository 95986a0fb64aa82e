namespace FastScale.Ecs.Wire;

internal sealed record RunInstancesWire(string? RequestId, RunInstancesWire.IdSets? InstanceIdSets, string? OrderId) : IEcsAnswer
{
    internal sealed record IdSets(List<string>? InstanceIdSet);
}
