namespace FastScale.Engine.Demand;

/// <summary>Without a view of the cluster's nodes, an instance the cloud reports Running is taken as arrived.</summary>
public sealed class RunningMeansReady : INodeReadiness
{
    public static RunningMeansReady Instance { get; } = new();

    public bool CanTakePods(string providerId) => true;
}
