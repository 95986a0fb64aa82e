using FastScale.Engine.Repair;

namespace FastScale.Engine.Tests.Repair;

internal sealed class SetWarmInstances : IWarmInstances
{
    public HashSet<string> Warm { get; } = new(StringComparer.Ordinal);

    public bool IsWarm(string groupId, string instanceId) => Warm.Contains(instanceId);
}
