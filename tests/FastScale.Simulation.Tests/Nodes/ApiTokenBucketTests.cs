using FastScale.Simulation.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Nodes;

/// <summary>The per-component token bucket on a fake clock: tokens are computed from the clock's timestamps, no timer.</summary>
public sealed class ApiTokenBucketTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FullBucket_BurstGoesAtOnce_ThenOneRequestPerTokenInterval()
    {
        var bucket = new ApiTokenBucket(10, 5, _time);
        var waits = Enumerable.Range(0, 25).Select(_ => bucket.WaitAsync(default).AsTask()).ToList();
        Assert.Equal(5, waits.Count(w => w.IsCompleted));

        for (var step = 1; step <= 20; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(5 + step, waits.Count(w => w.IsCompleted));
        }
    }

    [Fact]
    public void QuietSpell_RefillsOnlyUpToTheBurst()
    {
        var bucket = new ApiTokenBucket(2, 3, _time);
        var first = Enumerable.Range(0, 3).Select(_ => bucket.WaitAsync(default).AsTask()).ToList();
        Assert.All(first, w => Assert.True(w.IsCompleted));

        _time.Advance(TimeSpan.FromHours(1));
        var after = Enumerable.Range(0, 6).Select(_ => bucket.WaitAsync(default).AsTask()).ToList();

        Assert.Equal(3, after.Count(w => w.IsCompleted));
    }

    [Fact]
    public void IrregularArrivals_EveryWindowWithinQpsTimesLengthPlusBurst_AndTheBudgetIsUsed()
    {
        const double qps = 4;
        const int burst = 3;
        var bucket = new ApiTokenBucket(qps, burst, _time);
        var random = new Random(7);
        var start = _time.GetUtcNow();
        var pending = new List<Task>();
        var sent = new List<DateTimeOffset>();
        for (var ms = 0; ms < 20_000; ms += 10)
        {
            // Clumps of arrivals and quiet spells, far more than the budget on average.
            var arrivals = random.NextDouble() < 0.05 ? random.Next(1, 12) : 0;
            for (var i = 0; i < arrivals; i++)
            {
                pending.Add(bucket.WaitAsync(default).AsTask());
            }

            foreach (var done in pending.Where(w => w.IsCompleted).ToList())
            {
                sent.Add(_time.GetUtcNow());
                pending.Remove(done);
            }

            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        PacingAssert.WithinBudget(sent, qps, burst, "bucket");
        Assert.NotEmpty(pending);
        Assert.InRange(sent.Count, (int)(qps * 20) - 1, burst + (int)(qps * 20));
        Assert.True(sent.Max() - start > TimeSpan.FromSeconds(19));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(double.NaN, 10)]
    [InlineData(5, 0)]
    public void Validate_BadPair_IsReportedByOptionName(double qps, int burst)
    {
        var problem = Assert.Single(ApiTokenBucket.Validate("SomeQps", qps, "SomeBurst", burst));
        Assert.Contains(qps > 0 ? "SomeBurst" : "SomeQps", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroQps_IsUnpaced_WhateverTheBurst()
    {
        Assert.Empty(ApiTokenBucket.Validate("Qps", 0, "Burst", 0));
        Assert.Null(ApiTokenBucket.For(0, 0, _time));
    }
}
