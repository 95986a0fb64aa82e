using FastScale.Burst;

namespace FastScale.Tests.Burst;

public sealed class CloudCallsPerSecondTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 10, 300, TimeSpan.Zero);

    [Fact]
    public void From_CallsAroundT0_BucketsOnTheClocksWholeSecondsAndLeavesOutCallsBeforeT0()
    {
        var calls = new[]
        {
            ("RunInstances", T0.AddSeconds(-0.2), false), // before t = 0: a warm pool's fill, not the burst's
            ("RunInstances", T0, false),                  // clock second 10, bucket 0
            ("RunInstances", T0.AddSeconds(0.69), true),  // 10.99: still bucket 0
            ("RunInstances", T0.AddSeconds(0.71), false), // 11.01: bucket 1
            ("DescribeInstances", T0.AddSeconds(2.8), false), // 13.1: bucket 3
            ("RunInstances", T0.AddSeconds(9), false),    // after the end
        };

        var perSecond = CloudCallsPerSecond.From(calls, T0, T0.AddSeconds(3.5));

        Assert.Equal(-0.3, perSecond.FirstBucketSeconds, 6);
        Assert.Equal(4, perSecond.Seconds);
        Assert.Equal([2L, 1, 0, 0], perSecond.Calls["RunInstances"]);
        Assert.Equal([0L, 0, 0, 1], perSecond.Calls["DescribeInstances"]);
        Assert.Equal([1L, 0, 0, 0], perSecond.Throttled["RunInstances"]);
        Assert.False(perSecond.Throttled.ContainsKey("DescribeInstances"));
        Assert.Equal([1L, 0, 0, 0], perSecond.ThrottledTotal());
    }

    [Fact]
    public void From_NoCalls_IsEmptyWithOneBucketOfLength()
    {
        var perSecond = CloudCallsPerSecond.From([], T0, T0);

        Assert.Empty(perSecond.Calls);
        Assert.Empty(perSecond.ThrottledTotal());
    }
}
