using FastScale.Engine.Policy;
using static FastScale.Engine.Tests.Policy.PolicyYaml;

namespace FastScale.Engine.Tests.Policy;

/// <summary>Rules on a group's <c>rollout</c> section (appended from line 14, keys at column 5).</summary>
public sealed class RolloutRulesTests
{
    [Fact]
    public void NoRolloutSection_GivesTheDefaults()
    {
        var result = Load(Minimal);

        AssertValid(result);
        var rollout = result.Policy!.NodeGroups[0].Rollout;
        Assert.Equal(IntOrPercent.Percent(10), rollout.MaxSurge);
        Assert.Equal(IntOrPercent.Count(0), rollout.MaxUnavailable);
        Assert.Equal(TimeSpan.FromMinutes(10), rollout.DrainTimeout);
        Assert.Equal(DrainTimeoutAction.Wait, rollout.OnDrainTimeout);
        Assert.Null(rollout.Window);
        Assert.False(rollout.Paused);
    }

    [Fact]
    public void EveryField_IsRead()
    {
        var result = Load(WithGroupLines(
            "rollout:",
            "  maxSurge: 3",
            "  maxUnavailable: 25%",
            "  drainTimeout: 1h30m",
            "  onDrainTimeout: force",
            "  window: { days: [Sat, Sun], start: \"22:00\", end: \"04:00\", timeZone: Asia/Shanghai }",
            "  paused: true"));

        AssertValid(result);
        var rollout = result.Policy!.NodeGroups[0].Rollout;
        Assert.Equal(IntOrPercent.Count(3), rollout.MaxSurge);
        Assert.Equal(IntOrPercent.Percent(25), rollout.MaxUnavailable);
        Assert.Equal(TimeSpan.FromMinutes(90), rollout.DrainTimeout);
        Assert.Equal(DrainTimeoutAction.Force, rollout.OnDrainTimeout);
        Assert.True(rollout.Paused);
        var window = rollout.Window!;
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], window.Days);
        Assert.Equal((TimeSpan.FromHours(22), TimeSpan.FromHours(4)), (window.Start, window.End));
        Assert.Equal("Asia/Shanghai", window.TimeZone.Id);
    }

    [Fact]
    public void WindowWithoutDaysOrZone_IsEveryDayInUtc_AndMayEndAt24()
    {
        var result = Load(WithGroupLines("rollout: { window: { start: \"20:00\", end: \"24:00\" } }"));

        AssertValid(result);
        var window = result.Policy!.NodeGroups[0].Rollout.Window!;
        Assert.Equal(7, window.Days.Count);
        Assert.Equal(TimeZoneInfo.Utc, window.TimeZone);
        Assert.Equal(TimeSpan.FromDays(1), window.End);
    }

    [Theory]
    [InlineData("maxSurge: 0, maxUnavailable: 0", 29)]
    [InlineData("maxSurge: 0%, maxUnavailable: 0%", 30)]
    public void SurgeAndUnavailableBothZero_AreRefused(string fields, int column)
    {
        var result = Load(WithGroupLines($"rollout: {{ {fields} }}"));

        SingleProblem(result, $"test.yaml:14:{column}: nodeGroups[0].rollout.maxUnavailable", "may not both be 0: a rollout could never replace a node");
    }

    [Fact]
    public void SurgeZeroAlone_IsRefused_BecauseUnavailableDefaultsToZero()
    {
        var result = Load(WithGroupLines("rollout:", "  maxSurge: 0"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].rollout.maxSurge", "may not both be 0");
    }

    [Fact]
    public void SurgeZeroWithUnavailableOne_IsValid()
    {
        var result = Load(WithGroupLines("rollout: { maxSurge: 0, maxUnavailable: 1 }"));

        AssertValid(result);
    }

    [Theory]
    [InlineData("101%", "expected a percentage from 0% to 100%, got '101%'")]
    [InlineData("-1", "expected a number of nodes ≥ 0, got -1")]
    [InlineData("ten", "got 'ten'")]
    [InlineData("\"2\"", "(remove the quotes)")]
    [InlineData("[1]", "got a list")]
    public void BadSurge_IsRejected(string value, string fragment)
    {
        var result = Load(WithGroupLines("rollout:", $"  maxSurge: {value}"));

        SingleProblem(result, "test.yaml:15:7: nodeGroups[0].rollout.maxSurge", fragment);
    }

    [Theory]
    [InlineData("drainTimeout: 10", "nodeGroups[0].rollout.drainTimeout", "expected a duration such as 30s, 10m or 1h30m, got '10'")]
    [InlineData("drainTimeout: 0s", "nodeGroups[0].rollout.drainTimeout", "expected a duration > 0")]
    [InlineData("onDrainTimeout: evict", "nodeGroups[0].rollout.onDrainTimeout", "expected one of wait, force, got 'evict'")]
    [InlineData("paused: yes", "nodeGroups[0].rollout.paused", "expected true or false, got 'yes'")]
    [InlineData("maxSurgee: 1", "nodeGroups[0].rollout.maxSurgee", "did you mean 'maxSurge'?")]
    public void BadField_IsRejected(string line, string field, string fragment)
    {
        var result = Load(WithGroupLines("rollout:", "  " + line));

        SingleProblem(result, $"test.yaml:15:7: {field}", fragment);
    }

    [Theory]
    [InlineData("days: [Mon, Funday]", "18:21: nodeGroups[0].rollout.window.days[1]", "expected a day name: one of Mon, Tue, Wed, Thu, Fri, Sat, Sun, got 'Funday'")]
    [InlineData("days: [monday]", "18:16: nodeGroups[0].rollout.window.days[0]", "got 'monday'")]
    [InlineData("days: [Mon, Mon]", "18:21: nodeGroups[0].rollout.window.days[1]", "duplicate day 'Mon'")]
    [InlineData("days: []", "18:9: nodeGroups[0].rollout.window.days", "expected at least one day")]
    [InlineData("timeZone: Mars/Olympus", "18:9: nodeGroups[0].rollout.window.timeZone", "or a fixed offset such as UTC+08:00, got 'Mars/Olympus'")]
    public void BadWindow_IsRejected(string line, string where, string fragment)
    {
        var result = Load(WithGroupLines("rollout:", "  window:", "    start: \"02:00\"", "    end: \"05:00\"", "    " + line));

        SingleProblem(result, "test.yaml:" + where, fragment);
    }

    [Theory]
    [InlineData("UTC+08:00", 8 * 60)]
    [InlineData("UTC-03:30", -(3 * 60 + 30))]
    [InlineData("UTC+14:00", 14 * 60)]
    public void FixedOffsetTimeZone_NeedsNoTzDatabase(string zone, int minutes)
    {
        var result = Load(WithGroupLines($"rollout: {{ window: {{ start: \"02:00\", end: \"05:00\", timeZone: \"{zone}\" }} }}"));

        AssertValid(result);
        Assert.Equal(TimeSpan.FromMinutes(minutes), result.Policy!.NodeGroups[0].Rollout.Window!.TimeZone.BaseUtcOffset);
    }

    [Theory]
    [InlineData("UTC+15:00")]
    [InlineData("UTC+08:60")]
    [InlineData("UTC+8")]
    public void BadFixedOffset_IsRejected(string zone)
    {
        var result = Load(WithGroupLines("rollout:", "  window:", "    start: \"02:00\"", "    end: \"05:00\"", $"    timeZone: \"{zone}\""));

        SingleProblem(result, "test.yaml:18:9: nodeGroups[0].rollout.window.timeZone", "or a fixed offset such as UTC+08:00");
    }

    [Theory]
    [InlineData("start: \"24:00\"", "end: \"05:00\"", "test.yaml:16:9: nodeGroups[0].rollout.window.start", "from 00:00 to 23:59")]
    [InlineData("start: \"2am\"", "end: \"05:00\"", "test.yaml:16:9: nodeGroups[0].rollout.window.start", "got '2am'")]
    [InlineData("start: \"02:00\"", "end: \"24:30\"", "test.yaml:17:9: nodeGroups[0].rollout.window.end", "from 00:00 to 24:00")]
    [InlineData("start: \"02:00\"", "end: \"02:00\"", "test.yaml:17:9: nodeGroups[0].rollout.window.end", "expected an end different from start")]
    [InlineData("start: \"00:00\"", "end: \"24:00\"", "test.yaml:17:9: nodeGroups[0].rollout.window.end", "leave window out")]
    public void BadWindowTimes_AreRejected(string start, string end, string where, string fragment)
    {
        var result = Load(WithGroupLines("rollout:", "  window:", "    " + start, "    " + end));

        SingleProblem(result, where, fragment);
    }

    [Fact]
    public void WindowWithoutStartAndEnd_ReportsBothRequired()
    {
        var result = Load(WithGroupLines("rollout:", "  window: { days: [Mon] }"));

        Assert.Equal(2, result.Problems.Count);
        HasProblem(result, "test.yaml:15:7: nodeGroups[0].rollout.window.start", "required: the time the window opens");
        HasProblem(result, "test.yaml:15:7: nodeGroups[0].rollout.window.end", "required: the time the window closes");
    }
}
