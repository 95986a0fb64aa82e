using Grpc.Core;

namespace FastScale.Grpc.Tests.Interop.GrpcNet;

/// <summary>What <see cref="SequentialLatency.MeasureAsync"/> saw: per-call latency percentiles and the rate of one caller.</summary>
internal sealed record LatencySummary(int Calls, int Failures, TimeSpan P50, TimeSpan P99, TimeSpan Max, double CallsPerSecond, string? FirstFailure)
{
    public override string ToString() =>
        $"{Calls} sequential calls, {Failures} failed: p50 {P50.TotalMilliseconds:0.000} ms, p99 {P99.TotalMilliseconds:0.000} ms, "
        + $"max {Max.TotalMilliseconds:0.000} ms, {CallsPerSecond:0} calls/s";
}

/// <summary>
/// One caller, one call at a time, on one channel: the round trip the autoscaler pays per RPC, without queueing.
/// Reports numbers only; a machine shared with other builds is too noisy for a time to be asserted.
/// </summary>
internal static class SequentialLatency
{
    public static async Task<LatencySummary> MeasureAsync(int calls, Func<Task> call, TimeProvider time)
    {
        var latencies = new TimeSpan[calls];
        var failures = 0;
        string? firstFailure = null;
        var started = time.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            var callStarted = time.GetTimestamp();
            try
            {
                await call();
            }
            catch (RpcException error)
            {
                failures++;
                firstFailure ??= ProviderCalls.Describe(error);
            }

            latencies[i] = time.GetElapsedTime(callStarted);
        }

        var total = time.GetElapsedTime(started);
        Array.Sort(latencies);
        return new LatencySummary(calls, failures, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1],
            calls / total.TotalSeconds, firstFailure);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static TimeSpan Percentile(TimeSpan[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
