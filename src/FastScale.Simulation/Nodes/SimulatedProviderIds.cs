namespace FastScale.Simulation.Nodes;

/// <summary>
/// The providerIDs simulated kubelets write (<c>&lt;region&gt;.&lt;instance-id&gt;</c>, as ACK's kubelets are started
/// with) and read back when adopting Nodes, also in the <c>alicloud://&lt;region&gt;.&lt;instance-id&gt;</c> form some
/// installations use. The simulation parses them itself rather than with the engine's parser, so a parsing bug of the
/// client it serves cannot hide behind the same bug here.
/// </summary>
internal static class SimulatedProviderIds
{
    private const string Scheme = "alicloud://";

    public static string Format(string region, string instanceId) => region + "." + instanceId;

    /// <summary>The instance id: what follows the region and its dot (ECS regions and instance ids hold no dot); a value
    /// without a region is taken as the id itself. Null when nothing is left.</summary>
    public static string? InstanceIdOf(string providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var value = providerId.StartsWith(Scheme, StringComparison.Ordinal) ? providerId[Scheme.Length..] : providerId;
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var id = dot >= 0 ? value[(dot + 1)..] : value;
        return id.Length > 0 ? id : null;
    }
}
