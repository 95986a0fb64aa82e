namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// Deterministic fault decisions: each is a pure function of the seed, the share and the identity of what it is about, so
/// the ECS emulator and a kubelet simulator agree on an instance's fate without sharing state, and a run can be replayed.
/// </summary>
public sealed class FaultPlan(FaultShares shares)
{
    public FaultShares Shares { get; } = shares ?? throw new ArgumentNullException(nameof(shares));

    /// <summary>True when the instance is accepted by the cloud but never reaches Running.</summary>
    public bool NeverReachesRunning(string instanceId) => Hit("never-running", instanceId, Shares.NeverRunning);

    /// <summary>
    /// True when the instance boots but its kubelet never registers a Node (a kubelet simulator applies it): its image is
    /// one of the broken images, or it falls in the share.
    /// </summary>
    public bool NeverRegisters(string instanceId, string? imageId) =>
        (imageId is not null && Shares.NeverRegistersImages.Contains(imageId, StringComparer.Ordinal)) || NeverRegisters(instanceId);

    /// <summary>True when the instance falls in the share of those whose kubelet never registers, whatever its image.</summary>
    public bool NeverRegisters(string instanceId) => Hit("never-registers", instanceId, Shares.NeverRegisters);

    /// <summary>True when the API call with this sequence number (1, 2, … per emulator) is answered with HTTP 503.</summary>
    public bool FailsTransiently(long callNumber) => Hit("transient", callNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Shares.TransientErrors);

    private bool Hit(string purpose, string name, double share) =>
        share > 0 && (share >= 1 || StableHash.Unit(Shares.Seed, purpose, name) < share);
}
