namespace FastScale.Engine.Policy;

public sealed class WarmPoolPolicy
{
    /// <summary>Stopped instances to keep ready (StoppedMode=StopCharging). 0 disables the pool.</summary>
    public int Size { get; set; }

    /// <summary>
    /// Whether a pool instance is stopped only once its Node has registered (and been cordoned and tainted), so that a
    /// warm start finds its Node and skips registration. Default true. Parked Nodes are NotReady while stopped, and the
    /// cluster-autoscaler counts every NotReady Node in its cluster health: the pool lets only as many stay joined as
    /// <c>WarmPoolOptions</c> allows within the autoscaler's unready tolerance; the rest park before they join.
    /// </summary>
    public bool JoinBeforePark { get; set; } = true;
}
