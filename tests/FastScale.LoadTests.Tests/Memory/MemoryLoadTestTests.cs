using FastScale.LoadTests.Memory;

namespace FastScale.LoadTests.Tests.Memory;

/// <summary>
/// The memory load test at a tiny scale, so the harness cannot silently measure nothing: a provider process that never
/// synced, a /proc read that found no figures, or a scrape that missed the caches would each fail here. Its figures are
/// not asserted against the 200 MiB target: this run is far too small to say anything about it.
/// </summary>
public sealed class MemoryLoadTestTests
{
    [Fact]
    public async Task Memory_TinyWorld_ProviderSeesEveryInstanceAndPodAndReportsItsMemory()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var output = new StringWriter();

        var result = await MemoryLoadTest.RunAsync(
            instances: 50, pods: 500, gc: "image", settle: TimeSpan.FromSeconds(1), syncTimeout: TimeSpan.FromMinutes(2),
            breakdown: true, TimeProvider.System, output, timeout.Token);
        MemoryLoadTest.Print(result, output);

        Assert.True(result.Synced, output.ToString());
        Assert.Equal(50, result.SeenInstances);
        Assert.Equal(50, result.SeenNodes);
        Assert.Equal(50, result.SeenUnboundPods);
        Assert.Equal(50, result.SeenPendingPods);
        Assert.Equal(450, result.SeenBoundPods);
        Assert.True(result.SawEverything, output.ToString());
        Assert.Equal(0, result.ProviderLaunches);
        Assert.InRange(result.PeakRssBytes, 10L * 1024 * 1024, long.MaxValue);
        Assert.InRange(result.RssBytes, 1, result.PeakRssBytes);
        Assert.True(result.GcHeapBytes > 0, output.ToString());
        Assert.Equal("workstation", result.GcMode);
        Assert.Equal([50, 450, 50], result.Breakdown.Select(b => b.Objects));
        Assert.Contains("| 50 | 500 (50 / 450) | 50 |", output.ToString(), StringComparison.Ordinal);
    }
}
