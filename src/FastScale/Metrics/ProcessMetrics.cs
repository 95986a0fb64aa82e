using System.Diagnostics.Metrics;
using System.Runtime;

namespace FastScale.Metrics;

/// <summary>
/// The provider's own memory, read at scrape time: <c>process_resident_memory_bytes</c> (the name every Prometheus
/// client library uses, so existing dashboards and alerts find it), and the managed heap as the GC last saw it. The
/// pod's memory limit is set against these (deploy/), and the memory load test (<c>FastScale.LoadTests memory</c>)
/// reads them from outside the process.
/// </summary>
internal sealed class ProcessMetrics : IDisposable
{
    public const string MeterName = "FastScale.Process";

    private readonly Meter _meter;

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("process_resident_memory_bytes", () => Environment.WorkingSet,
            description: "Resident set size of the provider process.");
        // After the last collection: between collections the heap also holds garbage not yet collected, which says
        // little about what the provider keeps.
        _meter.CreateObservableGauge("dotnet_gc_heap_size_bytes", () => GC.GetGCMemoryInfo().HeapSizeBytes,
            description: "Managed heap size at the end of the last garbage collection.");
        _meter.CreateObservableGauge("dotnet_gc_committed_bytes", () => GC.GetGCMemoryInfo().TotalCommittedBytes,
            description: "Memory the garbage collector has committed from the operating system.");
        // The GC mode decides how much headroom the heap takes (server GC keeps a heap per core), so it is reported
        // beside the figures it explains.
        _meter.CreateObservableGauge("dotnet_gc_server", () => GCSettings.IsServerGC ? 1 : 0,
            description: "1 when the server garbage collector runs, 0 for the workstation collector.");
    }

    public void Dispose() => _meter.Dispose();
}
