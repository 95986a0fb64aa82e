using System.Diagnostics.Metrics;

namespace FastScale.Metrics;

/// <summary>
/// <c>fastscale_leader</c>: 1 while this replica leads (and so may change the cloud), 0 while it follows.
/// <paramref name="isLeader"/> is read at each scrape; a provider that runs without leader election is the only
/// replica and passes a function that answers true.
/// </summary>
internal sealed class LeaderMetrics
{
    public const string MeterName = "FastScale.Leader";

    public LeaderMetrics(IMeterFactory meterFactory, Func<bool> isLeader)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("fastscale_leader", () => isLeader() ? 1 : 0,
            description: "1 while this replica is the leader that changes the cloud, 0 while it follows.");
    }
}
