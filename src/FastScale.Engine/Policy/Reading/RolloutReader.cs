using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastScale.Engine.Policy.Reading;

/// <summary>Reads a group's <c>rollout</c> section: surge and unavailability, drain timeout and what follows it, window, pause.</summary>
internal static partial class RolloutReader
{
    private static readonly string[] Keys = ["maxSurge", "maxUnavailable", "drainTimeout", "onDrainTimeout", "window", "paused"];
    private static readonly string[] WindowKeys = ["days", "start", "end", "timeZone"];
    private static readonly string[] DrainActions = ["wait", "force"];

    private static readonly (string Name, DayOfWeek Day)[] DayNames =
    [
        ("Mon", DayOfWeek.Monday), ("Tue", DayOfWeek.Tuesday), ("Wed", DayOfWeek.Wednesday), ("Thu", DayOfWeek.Thursday),
        ("Fri", DayOfWeek.Friday), ("Sat", DayOfWeek.Saturday), ("Sun", DayOfWeek.Sunday),
    ];

    public static void Read(PolicyReadContext context, YamlMap group, RolloutPolicy rollout)
    {
        if (group.Optional("rollout") is not { } field || YamlMap.Open(context, field, Keys) is not { } map)
        {
            return;
        }

        var surgeField = map.Optional("maxSurge");
        var unavailableField = map.Optional("maxUnavailable");
        var surgeValid = Read(context, surgeField, value => rollout.MaxSurge = value);
        var unavailableValid = Read(context, unavailableField, value => rollout.MaxUnavailable = value);
        if (surgeValid && unavailableValid && rollout.MaxSurge.IsZero && rollout.MaxUnavailable.IsZero)
        {
            // Kubernetes refuses the same for a Deployment: with neither an extra node nor a missing one allowed, no
            // node could ever be replaced.
            context.Report(unavailableField ?? surgeField ?? field,
                "maxSurge and maxUnavailable may not both be 0: a rollout could never replace a node; allow at least one of them");
        }

        if (map.Optional("drainTimeout") is { } drain && ScalarReader.TryPositiveDuration(context, drain, out var timeout))
        {
            rollout.DrainTimeout = timeout;
        }

        if (map.Optional("onDrainTimeout") is { } action && ScalarReader.TryText(context, action, out var actionText))
        {
            switch (actionText)
            {
                case "wait":
                    rollout.OnDrainTimeout = DrainTimeoutAction.Wait;
                    break;
                case "force":
                    rollout.OnDrainTimeout = DrainTimeoutAction.Force;
                    break;
                default:
                    context.Report(action, $"expected one of {string.Join(", ", DrainActions)}, got '{actionText}'");
                    break;
            }
        }

        if (map.Optional("window") is { } window && YamlMap.Open(context, window, WindowKeys, "a window mapping") is { } windowMap)
        {
            rollout.Window = ReadWindow(context, windowMap);
        }

        if (map.Optional("paused") is { } paused && ScalarReader.TryBool(context, paused, out var isPaused))
        {
            rollout.Paused = isPaused;
        }
    }

    /// <summary>True when the field is absent or valid (and then assigned).</summary>
    private static bool Read(PolicyReadContext context, YamlField? field, Action<IntOrPercent> assign)
    {
        if (field is not { } f)
        {
            return true;
        }

        if (!TryIntOrPercent(context, f, out var value))
        {
            return false;
        }

        assign(value);
        return true;
    }

    /// <summary>A whole number of nodes ≥ 0 (plain), or a percentage from 0% to 100% (plain or quoted).</summary>
    private static bool TryIntOrPercent(PolicyReadContext context, YamlField field, out IntOrPercent value)
    {
        value = default;
        const string Expected = "a number of nodes ≥ 0 or a percentage from 0% to 100%, such as 2 or 10%";
        if (field.Node is not YamlScalarNode { Value: { } text } scalar)
        {
            context.Report(field, $"expected {Expected}, got {ScalarReader.Describe(field.Node)}");
            return false;
        }

        if (Percent().Match(text) is { Success: true } percent)
        {
            if (int.TryParse(percent.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var share) && share <= 100)
            {
                value = IntOrPercent.Percent(share);
                return true;
            }

            context.Report(field, $"expected a percentage from 0% to 100%, got '{text}'");
            return false;
        }

        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            if (count >= 0)
            {
                value = IntOrPercent.Count(count);
                return true;
            }

            context.Report(field, $"expected a number of nodes ≥ 0, got {count}");
            return false;
        }

        var hint = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted && Digits().IsMatch(text) ? " (remove the quotes)" : "";
        context.Report(field, $"expected {Expected}, got {ScalarReader.Describe(field.Node)}{hint}");
        return false;
    }

    private static RolloutWindow ReadWindow(PolicyReadContext context, YamlMap map)
    {
        var window = new RolloutWindow();
        if (map.Optional("days") is { } daysField)
        {
            var days = new List<DayOfWeek>();
            foreach (var item in ScalarReader.List(context, daysField, "day names (Mon, Tue, Wed, Thu, Fri, Sat, Sun)"))
            {
                if (!ScalarReader.TryText(context, item, out var name))
                {
                    continue;
                }

                var match = Array.FindIndex(DayNames, d => d.Name == name);
                if (match < 0)
                {
                    context.Report(item, $"expected a day name: one of {string.Join(", ", DayNames.Select(d => d.Name))}, got '{name}'");
                }
                else if (days.Contains(DayNames[match].Day))
                {
                    context.Report(item, $"duplicate day '{name}'");
                }
                else
                {
                    days.Add(DayNames[match].Day);
                }
            }

            if (days.Count > 0)
            {
                window.Days = days;
            }
            else if (daysField.Node is YamlSequenceNode { Children.Count: 0 })
            {
                context.Report(daysField, "expected at least one day; leave days out for every day");
            }
        }

        var start = TimeOfDay(context, map.Required("start", "the time the window opens, HH:MM such as \"02:00\""), allowEndOfDay: false);
        var end = TimeOfDay(context, map.Required("end", "the time the window closes, HH:MM such as \"05:00\""), allowEndOfDay: true);
        window.Start = start ?? TimeSpan.Zero;
        window.End = end ?? TimeSpan.Zero;
        if (start is { } s && end is { } e && (s == e || (s == TimeSpan.Zero && e == TimeSpan.FromDays(1))) && map.Optional("end") is { } endField)
        {
            context.Report(endField, "expected an end different from start; for a window open all day, leave window out");
        }

        if (map.Optional("timeZone") is { } zoneField && ScalarReader.TryText(context, zoneField, out var zoneId))
        {
            if (FixedOffset(zoneId) is { } fixedZone)
            {
                window.TimeZone = fixedZone;
            }
            else if (TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
            {
                window.TimeZone = zone;
            }
            else
            {
                // IANA names are read from the system's tz database; an image without one (a chiseled container) knows
                // only UTC, and a fixed offset works everywhere.
                context.Report(zoneField, $"expected an IANA time zone such as UTC or Asia/Shanghai (from this system's tz database), or a fixed offset such as UTC+08:00, got '{zoneId}'");
            }
        }

        return window;
    }

    /// <summary><c>UTC+08:00</c> or <c>UTC-03:30</c>: a zone without daylight saving that needs no tz database.</summary>
    private static TimeZoneInfo? FixedOffset(string text)
    {
        if (Offset().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var hours = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0) * (match.Groups[1].Value == "-" ? -1 : 1);
        return TimeZoneInfo.CreateCustomTimeZone(text, offset, text, text);
    }

    private static TimeSpan? TimeOfDay(PolicyReadContext context, YamlField? field, bool allowEndOfDay)
    {
        if (field is not { } f || !ScalarReader.TryText(context, f, out var text))
        {
            return null;
        }

        if (Clock().Match(text) is { Success: true } clock)
        {
            var hours = int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture);
            if ((hours < 24 && minutes < 60) || (allowEndOfDay && hours == 24 && minutes == 0))
            {
                return new TimeSpan(hours, minutes, 0);
            }
        }

        context.Report(f, allowEndOfDay
            ? $"expected a time of day from 00:00 to 24:00, such as \"05:00\", got '{text}'"
            : $"expected a time of day from 00:00 to 23:59, such as \"02:00\", got '{text}'");
        return null;
    }

    [GeneratedRegex(@"^([0-9]{1,9})%$")]
    private static partial Regex Percent();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2})$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^UTC([+-])([0-9]{2}):([0-9]{2})$")]
    private static partial Regex Offset();
}
