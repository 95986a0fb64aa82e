namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// The faults of the emulated world, as shares in [0, 1] and a seed: which instances and calls are hit is a function of
/// the seed and their identity (see <see cref="FaultPlan"/>), so two runs with the same seed fail the same way.
/// </summary>
public sealed record FaultShares
{
    public static FaultShares None { get; } = new();

    /// <summary>Seed of every fault decision. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Share of created instances that stay in Starting forever. Default 0.</summary>
    public double NeverRunning { get; init; }

    /// <summary>Share of instances that boot but whose kubelet never registers a Node. Default 0.</summary>
    public double NeverRegisters { get; init; }

    /// <summary>
    /// Images (exact ImageId) whose instances all boot but never register a Node, whatever <see cref="NeverRegisters"/>
    /// says: a broken image, as an image rollout meets it (the new image never boots, the old one still does). Default none.
    /// </summary>
    public IReadOnlyList<string> NeverRegistersImages { get; init; } = [];

    /// <summary>Share of authenticated API calls answered <c>ServiceUnavailable</c> (HTTP 503). Default 0.</summary>
    public double TransientErrors { get; init; }

    /// <summary>Limited stock per instance type and zone; anything not listed is unlimited. Default none.</summary>
    public IReadOnlyList<StockOut> StockOuts { get; init; } = [];
}
