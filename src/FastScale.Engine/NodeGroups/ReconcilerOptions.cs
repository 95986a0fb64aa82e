namespace FastScale.Engine.NodeGroups;

public sealed class ReconcilerOptions
{
    /// <summary>How often instance states are read back from the cloud while some are still coming up. ECS asks for no faster than 1-2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait between attempts to read the cloud's inventory at start-up.</summary>
    public TimeSpan RecoveryRetryInterval { get; set; } = TimeSpan.FromSeconds(2);
}
