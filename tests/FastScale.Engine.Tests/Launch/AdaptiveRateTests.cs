using FastScale.Engine.Launch;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class AdaptiveRateTests
{
    [Fact]
    public void Current_BeforeAnyThrottle_IsTheConfiguredQps()
    {
        var time = ClockDriver.NewYear();
        var rate = new AdaptiveRate(10, new CloudApiBudgetOptions(), time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(10, rate.Current);
    }

    [Fact]
    public void Decrease_EachThrottle_MultipliesTheRateByTheFactor()
    {
        var time = ClockDriver.NewYear();
        var rate = new AdaptiveRate(10, new CloudApiBudgetOptions { ThrottleDecreaseFactor = 0.5 }, time);

        Assert.Equal(5, rate.Decrease());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2.5, rate.Decrease());
        Assert.Equal(2.5, rate.Current);
    }

    [Fact]
    public void Decrease_ManyThrottles_StopsAtTheFloor()
    {
        var time = ClockDriver.NewYear();
        var rate = new AdaptiveRate(10, new CloudApiBudgetOptions { MinimumQps = 0.5 }, time);

        for (var i = 0; i < 20; i++)
        {
            rate.Decrease();
        }

        Assert.Equal(0.5, rate.Current);
        Assert.Equal(0.5, rate.Floor);
    }

    [Fact]
    public void Floor_OfAnActionConfiguredBelowTheMinimum_IsItsOwnQps()
    {
        var rate = new AdaptiveRate(0.2, new CloudApiBudgetOptions { MinimumQps = 1 }, ClockDriver.NewYear());

        Assert.Equal(0.2, rate.Decrease());
    }

    [Fact]
    public void Current_DuringTheQuietPeriod_StaysLowered()
    {
        var time = ClockDriver.NewYear();
        var rate = new AdaptiveRate(10, new CloudApiBudgetOptions { QuietPeriod = TimeSpan.FromSeconds(60) }, time);
        rate.Decrease();

        time.Advance(TimeSpan.FromSeconds(59.9));

        Assert.Equal(5, rate.Current);
    }

    [Fact]
    public void Current_AfterTheQuietPeriod_ClimbsOneStepPerIntervalUpToTheConfiguredQps()
    {
        var time = ClockDriver.NewYear();
        var options = new CloudApiBudgetOptions { QuietPeriod = TimeSpan.FromSeconds(60), ClimbInterval = TimeSpan.FromSeconds(10), ClimbStepFraction = 0.1 };
        var rate = new AdaptiveRate(10, options, time);
        rate.Decrease();
        rate.Decrease();

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(3.5, rate.Current, 6);
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(3.5, rate.Current, 6);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(4.5, rate.Current, 6);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(10, rate.Current);
    }

    [Fact]
    public void Decrease_WhileClimbing_StartsFromTheClimbedRate()
    {
        var time = ClockDriver.NewYear();
        var rate = new AdaptiveRate(10, new CloudApiBudgetOptions(), time);
        rate.Decrease();
        time.Advance(TimeSpan.FromSeconds(80));
        Assert.Equal(8, rate.Current, 6);

        Assert.Equal(4, rate.Decrease(), 6);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(4, rate.Current, 6);
    }

    /// <summary>
    /// Whatever the throttles and pauses: the rate stays within [floor, configured], a throttle never raises it (and
    /// lowers it unless it is at the floor), and time alone never lowers it.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Current_UnderAnySequenceOfThrottlesAndWaits_StaysBetweenTheFloorAndTheConfiguredQps(
        byte[] steps, FsCheck.PositiveInt configuredTenths, bool lowFloor)
    {
        var configured = Math.Min(configuredTenths.Get, 1000) / 10.0;
        var time = ClockDriver.NewYear();
        var rate = new AdaptiveRate(configured, new CloudApiBudgetOptions { MinimumQps = lowFloor ? 0.1 : 1 }, time);
        foreach (var step in steps ?? [])
        {
            var before = rate.Current;
            if (step % 4 == 0)
            {
                var after = rate.Decrease();
                var lowered = after < before || (after == rate.Floor && before == rate.Floor);
                if (!lowered || after > before)
                {
                    return false;
                }
            }
            else
            {
                time.Advance(TimeSpan.FromSeconds(step));
                if (rate.Current < before)
                {
                    return false;
                }
            }

            if (rate.Current < rate.Floor || rate.Current > configured)
            {
                return false;
            }
        }

        return true;
    }
}
