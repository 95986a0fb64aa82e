using FastScale.Burst;

namespace FastScale.Tests.Burst;

public sealed class PercentileSummaryTests
{
    [Fact]
    public void Of_SevenHundredTwentyOfThousandReady_HasP50ButNoP90P99OrMax()
    {
        // The case: a run where 720 of 1,000 nodes came up.
        var ready = Enumerable.Range(1, 720).Select(i => i / 10.0).ToArray();

        var summary = PercentileSummary.Of(ready, requested: 1000);

        Assert.Equal(new PercentileSummary(1000, 720, 50.0, null, null, null), summary);
    }

    [Fact]
    public void Of_AllReady_MaxIsTheLastNode()
    {
        var summary = PercentileSummary.Of([1.0, 2.0, 3.0, 4.0], requested: 4);

        Assert.Equal(4, summary.Reached);
        Assert.Equal(4.0, summary.Max);
        Assert.Equal(4.0, summary.P99);
        Assert.Equal(2.0, summary.P50);
    }
}
