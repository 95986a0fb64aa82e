namespace FastScale.Engine.WarmPool;

/// <summary>A group's warm pool at one moment: the policy's size and how many instances are in each state.</summary>
/// <param name="KeepCharging">Ready instances the cloud stopped in standard mode (billed as running) although economical
/// mode was asked for.</param>
/// <param name="Joined">Ready instances whose Node registered before they were parked: a warm start skips registration.</param>
public sealed record WarmPoolStatus(
    string GroupId, int Size, int Creating, int Warming, int Stopping, int Ready, int Starting, int Releasing, int Launching, int KeepCharging = 0,
    int Joined = 0)
{
    /// <summary>Instances that are, or will become, Ready without a new launch (what refill compares with the size).</summary>
    public int Filling => Creating + Warming + Stopping + Ready + Launching;
}
