namespace FastScale.Simulation.Nodes;

/// <summary>
/// Figures of a running <see cref="NodeSimulation"/>, one sample at a time: the kubelets' census now and the rates
/// since the previous sample, measured on the clock given here (the <c>emulate nodes</c> command passes the wall clock).
/// Not thread-safe: one caller samples.
/// </summary>
public sealed class NodeSimulationProgress
{
    private readonly NodeSimulation _simulation;
    private readonly TimeProvider _time;
    private Totals _last;

    public NodeSimulationProgress(NodeSimulation simulation, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(time);
        (_simulation, _time) = (simulation, time);
        _last = Read();
    }

    /// <summary>The census now and the rates since the previous sample (or since this object was made).</summary>
    public NodeSimulationFigures Sample()
    {
        var now = Read();
        var seconds = _time.GetElapsedTime(_last.At, now.At).TotalSeconds;
        double Rate(long before, long after) => seconds > 0 ? (after - before) / seconds : 0;
        var census = _simulation.Kubelets.Census();
        var figures = new NodeSimulationFigures(
            census,
            Rate(_last.Registered, now.Registered),
            Rate(_last.Renewals, now.Renewals),
            Rate(_last.Requests, now.Requests),
            now.Throttled,
            TimeSpan.FromSeconds(seconds));
        _last = now;
        return figures;
    }

    private Totals Read()
    {
        var kubelets = _simulation.Kubelets.Counters;
        return new Totals(_time.GetTimestamp(), kubelets.NodesRegistered, kubelets.LeaseRenewals, _simulation.ApiRequests, _simulation.ApiThrottled);
    }

    private readonly record struct Totals(long At, long Registered, long Renewals, long Requests, long Throttled);
}
