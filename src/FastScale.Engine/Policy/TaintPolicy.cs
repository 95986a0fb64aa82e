namespace FastScale.Engine.Policy;

public sealed class TaintPolicy
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public string Effect { get; set; } = "NoSchedule";
}
