namespace FastScale.Simulation.LatencyModel;

/// <summary>
/// The readiness the latency model alone gives a burst: every node requested at t = 0, no API limits, no provider
/// overhead, only the regional queue and the phases. It is the physical limit a scenario is measured against
/// (<c>floorSeconds</c> in the burst report), and what the default profile is calibrated on.
/// </summary>
public static class BurstFloor
{
    /// <summary>Seconds from t = 0 to Ready for each of <paramref name="nodes"/> cold-created instances, sorted.</summary>
    public static IReadOnlyList<double> ReadySeconds(LatencyProfile profile, int nodes, string? imageId, Random random)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        var queue = new ProvisioningQueue(profile.ProvisioningPerSecond);
        var t0 = DateTimeOffset.UnixEpoch;
        var ready = new double[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var running = queue.Admit(t0) + profile.ColdProvisioning.Sample(random);
            ready[i] = (running + profile.SampleNodeLifecycle(imageId, random).Total - t0).TotalSeconds;
        }

        Array.Sort(ready);
        return ready;
    }

    /// <summary>The nearest-rank percentile (<paramref name="q"/> in (0, 1]) of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
