using FastScale.Burst;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Tests.Burst;

public sealed class ScaledTimeProviderTests
{
    [Fact]
    public void GetUtcNow_OneRealSecond_AdvancesScaleSeconds()
    {
        var real = new FakeTimeProvider();
        var scaled = new ScaledTimeProvider(real, 4);
        var start = scaled.GetUtcNow();
        var startStamp = scaled.GetTimestamp();

        real.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(4), scaled.GetUtcNow() - start);
        Assert.Equal(TimeSpan.FromSeconds(4), scaled.GetElapsedTime(startStamp));
    }

    [Fact]
    public async Task Delay_TenEmulatedSeconds_CompletesAfterTwoAndAHalfRealSeconds()
    {
        var real = new FakeTimeProvider();
        var scaled = new ScaledTimeProvider(real, 4);
        var delay = Task.Delay(TimeSpan.FromSeconds(10), scaled);

        real.Advance(TimeSpan.FromSeconds(2.4));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromSeconds(0.1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
    }

    [Fact]
    public void Timer_ChangedToAPeriod_FiresEveryPeriodOverScale()
    {
        var real = new FakeTimeProvider();
        var scaled = new ScaledTimeProvider(real, 2);
        var fired = 0;
        using var timer = scaled.CreateTimer(_ => Interlocked.Increment(ref fired), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        real.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(3, fired);
    }
}
