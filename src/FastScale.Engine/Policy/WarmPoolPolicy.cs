namespace FastScale.Engine.Policy;

public sealed class WarmPoolPolicy
{
    /// <summary>Stopped instances to keep ready (StoppedMode=StopCharging). 0 disables the pool.</summary>
    public int Size { get; set; }
}
