namespace FastScale.Engine.NodeGroups;

public sealed class ReconcilerOptions
{
    /// <summary>How often instance states are read back from the cloud while some are still coming up. ECS asks for no faster than 1-2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait between attempts to read the cloud's inventory at start-up.</summary>
    public TimeSpan RecoveryRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A follower re-reads the cloud's inventory this often, so its reads stay current (the autoscaler's scan
    /// interval by default).</summary>
    public TimeSpan FollowerRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long launches and releases already under way may run on before they are cancelled. Kept
    /// well under a pod's 30 s grace period, so the lease is still released before the kubelet kills the process.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
