namespace FastScale.Engine.WarmPool;

/// <summary>A group's warm pool at one moment: the policy's size and how many instances are in each state.</summary>
public sealed record WarmPoolStatus(
    string GroupId, int Size, int Creating, int Warming, int Stopping, int Ready, int Starting, int Releasing, int Launching)
{
    /// <summary>Instances that are, or will become, Ready without a new launch (what refill compares with the size).</summary>
    public int Filling => Creating + Warming + Stopping + Ready + Launching;
}
