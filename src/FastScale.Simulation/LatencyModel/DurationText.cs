using System.Globalization;
using System.Text.RegularExpressions;

namespace FastScale.Simulation.LatencyModel;

/// <summary>Durations in profiles: a number and a unit, <c>ms</c>, <c>s</c> or <c>m</c> (<c>2.5s</c>, <c>90s</c>, <c>1.5m</c>).</summary>
internal static partial class DurationText
{
    public const string Expected = "a duration such as 500ms, 2.5s or 1.5m";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        duration = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            _ => TimeSpan.FromMinutes(n),
        };
        return true;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>ms|s|m)$")]
    private static partial Regex Pattern();
}
