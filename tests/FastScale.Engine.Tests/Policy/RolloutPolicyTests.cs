using FastScale.Engine.Policy;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Resolving surge and unavailability against a group's size, and the rollout window.</summary>
public sealed class RolloutPolicyTests
{
    [Theory]
    [InlineData(10, 0, 10, true, 1, 0)]      // 10% of 10 = 1
    [InlineData(10, 0, 11, true, 2, 0)]      // 1.1 rounds up to 2
    [InlineData(10, 0, 1, true, 1, 0)]       // 0.1 rounds up: a group of one still surges one node
    [InlineData(0, 25, 7, true, 0, 1)]       // 1.75 unavailable rounds down to 1
    [InlineData(0, 25, 3, true, 0, 1)]       // 0.75 rounds down to 0, and both 0 means unavailable 1 (as Kubernetes)
    [InlineData(50, 50, 5, true, 3, 2)]      // 2.5: surge up to 3, unavailable down to 2
    [InlineData(100, 100, 4, true, 4, 4)]
    [InlineData(2, 1, 100, false, 2, 1)]     // counts are not scaled
    public void Resolve_RoundsSurgeUpAndUnavailableDown(int surge, int unavailable, int size, bool percent, int expectedSurge, int expectedUnavailable)
    {
        var rollout = new RolloutPolicy
        {
            MaxSurge = new IntOrPercent(surge, percent),
            MaxUnavailable = new IntOrPercent(unavailable, percent),
        };

        Assert.Equal((expectedSurge, expectedUnavailable), rollout.Resolve(size));
    }

    [Fact]
    public void Resolve_EmptyGroupWithDefaults_StillAllowsOneUnavailable()
    {
        Assert.Equal((0, 1), new RolloutPolicy().Resolve(0));
    }

    [Fact]
    public void Resolve_DefaultsOnTwentyNodes_SurgeTwoUnavailableZero()
    {
        Assert.Equal((2, 0), new RolloutPolicy().Resolve(20));
    }

    [Fact]
    public void NoWindow_IsAlwaysOpen_UnlessPaused()
    {
        var rollout = new RolloutPolicy();
        var now = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);

        Assert.True(rollout.IsOpen(now));
        Assert.True(rollout.CanReplaceAt(now));
        rollout.Paused = true;
        Assert.True(rollout.IsOpen(now));
        Assert.False(rollout.CanReplaceAt(now));
    }

    [Theory]
    [InlineData("2026-12-07T01:59:59Z", false)] // Monday, before
    [InlineData("2026-12-07T02:00:00Z", true)]  // start is inside
    [InlineData("2026-12-07T04:59:59Z", true)]
    [InlineData("2026-12-07T05:00:00Z", false)] // end is outside
    [InlineData("2026-12-06T03:00:00Z", false)] // Sunday is not listed
    public void Window_SameDay_OpensAtStartAndClosesAtEnd(string at, bool open)
    {
        var window = new RolloutWindow { Days = Weekdays, Start = TimeSpan.FromHours(2), End = TimeSpan.FromHours(5) };

        Assert.Equal(open, window.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-12-11T21:59:00Z", false)] // Friday evening, before
    [InlineData("2026-12-11T22:00:00Z", true)]  // Friday 22:00 opens Friday's window
    [InlineData("2026-12-12T03:59:00Z", true)]  // Saturday morning is still Friday's window
    [InlineData("2026-12-12T04:00:00Z", false)]
    [InlineData("2026-12-12T22:30:00Z", false)] // Saturday evening: Saturday is not listed
    [InlineData("2026-12-11T03:00:00Z", false)] // Friday morning belongs to Thursday's window, not listed
    public void Window_PastMidnight_BelongsToTheDayItOpens(string at, bool open)
    {
        var window = new RolloutWindow { Days = [DayOfWeek.Friday], Start = TimeSpan.FromHours(22), End = TimeSpan.FromHours(4) };

        Assert.Equal(open, window.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-12-06T18:30:00Z", true)]  // 02:30 Monday in Shanghai (UTC+8) is Sunday evening in UTC
    [InlineData("2026-12-07T02:30:00Z", false)] // 10:30 Monday in Shanghai
    public void Window_IsReadInItsTimeZone(string at, bool open)
    {
        var window = new RolloutWindow
        {
            Days = Weekdays,
            Start = TimeSpan.FromHours(2),
            End = TimeSpan.FromHours(5),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        };

        Assert.Equal(open, window.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Window_EndingAt24_IncludesTheLastMinute()
    {
        var window = new RolloutWindow { Start = TimeSpan.FromHours(20), End = TimeSpan.FromDays(1) };

        Assert.True(window.IsOpen(new DateTimeOffset(2026, 12, 6, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(window.IsOpen(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)));
    }

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
}
