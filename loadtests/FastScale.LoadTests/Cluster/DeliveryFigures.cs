using System.Diagnostics;

namespace FastScale.LoadTests.Cluster;

/// <summary>What the watch fan-out load tests measure: events delivered, memory, and latency percentiles.</summary>
internal static class DeliveryFigures
{
    public static long Delivered(List<double>[] latencies)
    {
        long total = 0;
        foreach (var list in latencies)
        {
            lock (list)
            {
                total += list.Count;
            }
        }

        return total;
    }

    public static (long Heap, long WorkingSet) Memory()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
