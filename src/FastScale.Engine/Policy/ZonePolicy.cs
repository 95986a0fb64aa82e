namespace FastScale.Engine.Policy;

public sealed class ZonePolicy
{
    public string ZoneId { get; set; } = "";
    public string VSwitchId { get; set; } = "";
}
