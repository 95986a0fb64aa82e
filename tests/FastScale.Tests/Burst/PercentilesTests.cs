using FastScale.Burst;

namespace FastScale.Tests.Burst;

public sealed class PercentilesTests
{
    private static readonly double[] OneToHundred = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.90, 90)]
    [InlineData(0.99, 99)]
    [InlineData(1.00, 100)]
    [InlineData(0.001, 1)]
    public void Of_OneToHundredAllReady_IsTheNearestRank(double q, double expected) =>
        Assert.Equal(expected, Percentiles.Of(OneToHundred, q, requested: 100));

    [Fact]
    public void Of_HundredRequestedNinetyReady_P90IsTheNinetiethSmallest()
    {
        var ninety = OneToHundred[..90];

        Assert.Equal(90, Percentiles.Of(ninety, 0.9, requested: 100));
        Assert.Equal(50, Percentiles.Of(ninety, 0.5, requested: 100));
    }

    [Fact]
    public void Of_HundredRequestedEightyNineReady_P90IsNotReached()
    {
        // The P90 of the 89 that got Ready would be 81: a finite figure for a run that never got 90 nodes Ready.
        var eightyNine = OneToHundred[..89];

        Assert.Null(Percentiles.Of(eightyNine, 0.9, requested: 100));
        Assert.Null(Percentiles.Of(eightyNine, 0.99, requested: 100));
        Assert.Null(Percentiles.Of(eightyNine, 1.0, requested: 100));
        Assert.Equal(50, Percentiles.Of(eightyNine, 0.5, requested: 100));
    }

    [Fact]
    public void Of_TenValues_P90IsTheNinthAndP99TheLast()
    {
        double[] ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(9, Percentiles.Of(ten, 0.9, requested: 10));
        Assert.Equal(10, Percentiles.Of(ten, 0.99, requested: 10));
        Assert.Equal(5, Percentiles.Of(ten, 0.5, requested: 10));
    }

    [Fact]
    public void Of_SingleValue_IsThatValueAtEveryRank()
    {
        Assert.Equal(7.5, Percentiles.Of([7.5], 0.5, requested: 1));
        Assert.Equal(7.5, Percentiles.Of([7.5], 0.99, requested: 1));
    }

    [Fact]
    public void Of_NoneReady_IsNotReached()
    {
        Assert.Null(Percentiles.Of([], 0.9, requested: 0));
        Assert.Null(Percentiles.Of([], 0.001, requested: 5));
    }

    [Fact]
    public void Of_MoreValuesThanRequested_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0, 2.0], 0.5, requested: 1));

    [Fact]
    public void Of_ThousandValues_P90DoesNotSlipToTheNextRankOnFloatingPoint()
    {
        // 0.9 * 1000 is 900.0000000000001 in binary floating point; a bare Ceiling would take rank 901, and with 900
        // Ready of 1000 would call P90 not reached.
        var values = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        Assert.Equal(900, Percentiles.Of(values, 0.9, requested: 1000));
        Assert.Equal(900, Percentiles.Of(values[..900], 0.9, requested: 1000));
    }

    [Fact]
    public void Cdf_Duplicates_OneStepPerDistinctValueWithTheShareAtOrBelowIt()
    {
        var steps = Percentiles.Cdf([3.0, 1.0, 3.0, 2.0]);
        Assert.Equal([(1.0, 0.25), (2.0, 0.5), (3.0, 1.0)], steps);
    }

    [Fact]
    public void Cdf_TotalAboveCount_StopsShortOfOne()
    {
        var steps = Percentiles.Cdf([1.0, 2.0], total: 4);
        Assert.Equal(0.5, steps[^1].Share);
    }

    [Fact]
    public void Cdf_AgreesWithOf_TheShareAtThePercentileReachesIt()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 257).Select(_ => random.NextDouble() * 60).Order().ToArray();
        var steps = Percentiles.Cdf(values);
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            var p = Percentiles.Of(values, q, values.Length)!.Value;
            var share = steps.Last(s => s.Seconds <= p).Share;
            Assert.True(share >= q, $"share at p{q * 100} = {share}");
            Assert.True(steps.Where(s => s.Seconds < p).Select(s => s.Share).DefaultIfEmpty(0).Max() < q);
        }
    }
}
