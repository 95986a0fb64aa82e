using System.Globalization;

namespace FastScale.Burst.Reports;

/// <summary>
/// How every table writes a figure (report.md and the console summary and report.html built from it, plan's console
/// table and plan.html), so a figure without a value, a percentile not reached or a moment that never came, reads the
/// same everywhere: <see cref="None"/>, never 0 and never a figure of the nodes that did get there.
/// </summary>
internal static class FigureText
{
    public const string None = "—";

    /// <summary>Seconds to a tenth.</summary>
    public static string Seconds(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : None;

    /// <summary><paramref name="a"/> / <paramref name="b"/> as "1.02×": none unless both are there and b is positive.</summary>
    public static string Ratio(double? a, double? b) =>
        a is { } x && b is { } y && double.IsFinite(x) && double.IsFinite(y) && y > 0 ? (x / y).ToString("0.00×", CultureInfo.InvariantCulture) : None;
}
