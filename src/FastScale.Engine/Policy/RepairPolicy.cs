namespace FastScale.Engine.Policy;

public sealed class RepairPolicy
{
    public bool Enabled { get; set; } = true;

    /// <summary>An instance that has no Ready node this long after launch is replaced.</summary>
    public TimeSpan RegistrationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A node NotReady this long is replaced.</summary>
    public TimeSpan NotReadyTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Repair pauses when more than this share of the group is unhealthy (a sick control plane must not cause a mass replacement).</summary>
    public int MaxUnhealthyPercent { get; set; } = 20;
}
