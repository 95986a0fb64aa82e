namespace FastScale.Simulation.Ecs.Instances;

/// <summary>How an instance was last brought up: the latency profile samples each from its own distribution.</summary>
public enum LaunchKind
{
    /// <summary>RunInstances: a cold create (<c>coldProvisioning</c>).</summary>
    Create,

    /// <summary>StartInstances on a Stopped instance (<c>startProvisioning</c>).</summary>
    Start,
}
