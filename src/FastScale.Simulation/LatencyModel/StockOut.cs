namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// Limited stock of one instance type in one zone: at most <see cref="Available"/> more instances can be running there
/// (0: sold out). Instances released, or stopped in StopCharging mode, give their stock back.
/// </summary>
public sealed record StockOut(string InstanceType, string ZoneId, int Available)
{
    /// <summary>The <c>instanceType@zone</c> key used in profiles, options and counters.</summary>
    public string Key => KeyOf(InstanceType, ZoneId);

    public static string KeyOf(string instanceType, string zoneId) => $"{instanceType}@{zoneId}";
}
