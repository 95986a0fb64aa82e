using System.Globalization;

namespace FastScale.Engine.Policy;

/// <summary>
/// Durations written the way Go's <c>time.ParseDuration</c> and the cluster-autoscaler's flags write them:
/// "10m", "30s", "1h30m", "500ms", "2m0s", "1.5h". Units: ns, us (or µs), ms, s, m, h; "0" alone needs no unit.
/// </summary>
/// <remarks>Precision is a <see cref="TimeSpan"/> tick (100 ns); finer parts are truncated.</remarks>
public static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        var ticks = 0m;
        try
        {
            while (!s.IsEmpty)
            {
                var i = 0;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }

                var number = s[..i];
                if (number.IsEmpty || number is "." || number.Count('.') > 1
                    || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
                {
                    return false;
                }

                var unitStart = i;
                while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
                {
                    i++;
                }

                if (!TryUnitTicks(s[unitStart..i], out var unitTicks))
                {
                    return false;
                }

                ticks += amount * unitTicks;
                s = s[i..];
            }

            var whole = decimal.Truncate(ticks);
            if (whole > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }

            value = TimeSpan.FromTicks((long)(negative ? -whole : whole));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryUnitTicks(ReadOnlySpan<char> unit, out decimal ticks)
    {
        ticks = unit switch
        {
            "ns" => 0.01m,
            "us" or "\u00b5s" or "\u03bcs" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0m,
        };
        return ticks != 0;
    }
}
