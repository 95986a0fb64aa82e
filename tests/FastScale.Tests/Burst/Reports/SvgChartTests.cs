using FastScale.Burst.Reports;

namespace FastScale.Tests.Burst.Reports;

public sealed class SvgChartTests
{
    [Theory]
    [InlineData(11, new[] { 0.0, 5, 10 })]      // 2.5 would be the round step: not a whole number
    [InlineData(7, new[] { 0.0, 2, 4, 6 })]
    [InlineData(2.2, new[] { 0.0, 1, 2 })]       // never a step under one
    [InlineData(120, new[] { 0.0, 25, 50, 75, 100 })]
    public void Ticks_Whole_AreWholeNumbersFromZero(double max, double[] expected)
    {
        Assert.Equal(expected, SvgChart.Ticks(max, whole: true));
    }

    [Fact]
    public void Ticks_Fractional_MayUseHalfSteps()
    {
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], SvgChart.Ticks(1).Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public void Render_WithMarks_DrawsACircleAtEachMarkAndALegendEntry()
    {
        var svg = SvgChart.Render("calls", "seconds", "calls per second", 10, 5,
            [new SvgChart.Series("RunInstances", "#000", null, [(0, 2), (1, 3)])],
            new SvgChart.Marks("throttled", "#d62728", [(0.5, 1), (1.5, 2)]));

        Assert.Equal(2, svg.Split("class=\"mark\"").Length - 1);
        Assert.Contains(">throttled</text>", svg, StringComparison.Ordinal);
        Assert.Contains("data-name=\"RunInstances\"", svg, StringComparison.Ordinal);
        Assert.StartsWith("<svg ", svg, StringComparison.Ordinal);
        Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
    }
}
