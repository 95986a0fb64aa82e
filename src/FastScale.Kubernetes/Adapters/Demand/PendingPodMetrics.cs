using System.Diagnostics.Metrics;
using FastScale.Engine.Demand;

namespace FastScale.Kubernetes.Adapters.Demand;

/// <summary>
/// <c>fastscale_demand_pending_pods</c>: the unschedulable pods fast mode sees now (its pod watch), read at scrape time.
/// Together with <c>fastscale_demand_decision_seconds</c> it shows how much demand is waiting and how fast it is met.
/// </summary>
internal sealed class PendingPodMetrics : IDisposable
{
    public const string MeterName = "FastScale.PendingPods";

    private readonly Meter _meter;

    public PendingPodMetrics(IPendingPodSource pending, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("fastscale_demand_pending_pods", () => pending.Snapshot().Count,
            description: "Pods the scheduler marked unschedulable and that are not yet bound, as fast mode's watch sees them.");
    }

    public void Dispose() => _meter.Dispose();
}
