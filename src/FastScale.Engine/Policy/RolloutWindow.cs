namespace FastScale.Engine.Policy;

/// <summary>
/// When a rollout may replace nodes: from <see cref="Start"/> to <see cref="End"/> (local time of <see cref="TimeZone"/>)
/// on each of <see cref="Days"/>. An <see cref="End"/> at or before <see cref="Start"/> runs past midnight into the next
/// day, and the day named is the day the window opens: <c>{ days: [Fri], start: "22:00", end: "04:00" }</c> is open
/// Friday 22:00 to Saturday 04:00.
/// </summary>
/// <remarks>
/// A daily window and not a cron expression: maintenance windows are written this way in change calendars, a cron line
/// says when something starts but not how long it may run, and this form is validated field by field.
/// </remarks>
public sealed class RolloutWindow
{
    /// <summary>Every day of the week: the default when <c>days</c> is left out.</summary>
    public static readonly IReadOnlyList<DayOfWeek> EveryDay =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    public IReadOnlyList<DayOfWeek> Days { get; set; } = EveryDay;

    /// <summary>Time of day the window opens, from 00:00 up to (not including) 24:00.</summary>
    public TimeSpan Start { get; set; }

    /// <summary>Time of day the window closes, from 00:00 to 24:00; not equal to <see cref="Start"/>.</summary>
    public TimeSpan End { get; set; }

    /// <summary>
    /// An IANA time zone such as Asia/Shanghai (daylight saving is the zone's own), or a fixed offset such as UTC+08:00
    /// (for systems without a tz database). Default UTC.
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>True while <paramref name="now"/> falls inside a window (start inclusive, end exclusive).</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        var timeOfDay = local.TimeOfDay;
        if (Start < End)
        {
            return Days.Contains(local.DayOfWeek) && timeOfDay >= Start && timeOfDay < End;
        }

        // Past midnight: the evening part belongs to today's window, the morning part to yesterday's.
        var yesterday = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        return (Days.Contains(local.DayOfWeek) && timeOfDay >= Start) || (Days.Contains(yesterday) && timeOfDay < End);
    }
}
