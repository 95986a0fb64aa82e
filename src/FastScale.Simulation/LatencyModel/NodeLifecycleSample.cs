namespace FastScale.Simulation.LatencyModel;

/// <summary>One instance's phases after it is Running: OS boot, then kubelet registration, then Node readiness.</summary>
public sealed record NodeLifecycleSample(TimeSpan Boot, TimeSpan Registration, TimeSpan Readiness)
{
    /// <summary>From Running to the Node being Ready.</summary>
    public TimeSpan Total => Boot + Registration + Readiness;
}
