using System.Globalization;
using System.Net;
using System.Text;

namespace FastScale.Burst.Reports;

/// <summary>
/// A line chart as inline SVG: a title, step lines over a linear x and y, axes with a few ticks and their labels, optional
/// marks, a legend. No scripts.
/// </summary>
internal static class SvgChart
{
    private const int Width = 760;
    private const int Height = 360;
    private const int Left = 56;
    private const int Right = 170;
    private const int Top = 28;
    private const int Bottom = 44;

    /// <summary>One line: its name, colour, dash pattern (null: solid) and points, each held until the next (a step line).</summary>
    public sealed record Series(string Name, string Color, string? Dash, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>Points drawn as circles, not joined (e.g. the seconds in which calls were throttled), with a legend entry.</summary>
    public sealed record Marks(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>The chart; <paramref name="wholeY"/> keeps the y ticks on whole numbers (counts of calls or instances).</summary>
    public static string Render(
        string title, string xLabel, string yLabel, double xMax, double yMax, IReadOnlyList<Series> series, Marks? marks = null, bool wholeY = false)
    {
        xMax = xMax > 0 && double.IsFinite(xMax) ? xMax : 1;
        yMax = yMax > 0 && double.IsFinite(yMax) ? yMax : 1;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(double x) => Left + (Math.Clamp(x, 0, xMax) / xMax * plotW);
        double Y(double y) => Top + plotH - (Math.Clamp(y, 0, yMax) / yMax * plotH);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Escape(title)}\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>"));
        foreach (var tick in Ticks(xMax))
        {
            svg.Append(Invariant($"<line x1=\"{X(tick):0.#}\" y1=\"{Top}\" x2=\"{X(tick):0.#}\" y2=\"{Top + plotH}\" stroke=\"#eee\"/>"));
            svg.Append(Invariant($"<text x=\"{X(tick):0.#}\" y=\"{Top + plotH + 16}\" font-size=\"11\" text-anchor=\"middle\">{tick:0.##}</text>"));
        }

        foreach (var tick in Ticks(yMax, wholeY))
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(tick):0.#}\" x2=\"{Left + plotW}\" y2=\"{Y(tick):0.#}\" stroke=\"#eee\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{tick:0.##}</text>"));
        }

        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#999\"/>"));
        svg.Append(Invariant($"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 8}\" font-size=\"12\" text-anchor=\"middle\">{Escape(xLabel)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (plotH / 2)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Top + (plotH / 2)})\">{Escape(yLabel)}</text>"));
        for (var i = 0; i < series.Count; i++)
        {
            var line = series[i];
            var path = new StringBuilder();
            var lastY = 0.0;
            path.Append(Invariant($"M{X(0):0.##},{Y(0):0.##}"));
            foreach (var (x, y) in line.Points)
            {
                path.Append(Invariant($" L{X(x):0.##},{Y(lastY):0.##} L{X(x):0.##},{Y(y):0.##}"));
                lastY = y;
            }

            path.Append(Invariant($" L{X(xMax):0.##},{Y(lastY):0.##}"));
            var dash = line.Dash is null ? "" : Invariant($" stroke-dasharray=\"{line.Dash}\"");
            svg.Append(Invariant($"<path class=\"series\" data-name=\"{Escape(line.Name)}\" d=\"{path}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash}/>"));
            var legendY = Top + 14 + (i * 20);
            svg.Append(Invariant($"<line x1=\"{Width - Right + 12}\" y1=\"{legendY - 4}\" x2=\"{Width - Right + 36}\" y2=\"{legendY - 4}\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash}/>"));
            svg.Append(Invariant($"<text x=\"{Width - Right + 42}\" y=\"{legendY}\" font-size=\"12\">{Escape(line.Name)}</text>"));
        }

        if (marks is not null)
        {
            foreach (var (x, y) in marks.Points)
            {
                svg.Append(Invariant($"<circle class=\"mark\" cx=\"{X(x):0.##}\" cy=\"{Y(y):0.##}\" r=\"4\" fill=\"none\" stroke=\"{marks.Color}\" stroke-width=\"2\"/>"));
            }

            var legendY = Top + 14 + (series.Count * 20);
            svg.Append(Invariant($"<circle cx=\"{Width - Right + 24}\" cy=\"{legendY - 4}\" r=\"4\" fill=\"none\" stroke=\"{marks.Color}\" stroke-width=\"2\"/>"));
            svg.Append(Invariant($"<text x=\"{Width - Right + 42}\" y=\"{legendY}\" font-size=\"12\">{Escape(marks.Name)}</text>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>About five round tick values from 0 to <paramref name="max"/>; whole numbers only if <paramref name="whole"/>.</summary>
    internal static IEnumerable<double> Ticks(double max, bool whole = false)
    {
        var raw = whole ? Math.Max(1, max / 5) : max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        // 2.5 × 1 is not a whole number; 2.5 × 10 and above are.
        var multiples = whole && magnitude < 10 ? new[] { 1.0, 2.0, 5.0, 10.0 } : [1.0, 2.0, 2.5, 5.0, 10.0];
        var step = multiples.Select(m => m * magnitude).First(s => s >= raw);
        for (var tick = 0.0; tick <= max + (step / 1000); tick += step)
        {
            yield return tick;
        }
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
