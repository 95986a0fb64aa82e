namespace FastScale.Engine.Launch;

/// <summary>An instance type in a zone (with the vSwitch the group uses there): what one RunInstances call asks for.</summary>
public sealed record Offering(string InstanceType, string ZoneId, string VSwitchId)
{
    /// <summary>"type@zone": stock is per type and zone, whichever group asks.</summary>
    public string Key => $"{InstanceType}@{ZoneId}";
}
