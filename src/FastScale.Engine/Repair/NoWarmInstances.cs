namespace FastScale.Engine.Repair;

/// <summary>The default until a warm pool registers its own <see cref="IWarmInstances"/>: no instance is warm.</summary>
public sealed class NoWarmInstances : IWarmInstances
{
    public bool IsWarm(string groupId, string instanceId) => false;
}
