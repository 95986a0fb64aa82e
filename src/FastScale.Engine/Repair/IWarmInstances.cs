namespace FastScale.Engine.Repair;

/// <summary>
/// Which instances belong to a warm pool right now. The warm pool stops and starts its instances on purpose, and they
/// have no Ready node by design: the repairer must never count them as unhealthy nor replace them.
/// </summary>
public interface IWarmInstances
{
    bool IsWarm(string groupId, string instanceId);
}
