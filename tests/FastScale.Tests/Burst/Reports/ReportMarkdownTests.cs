namespace FastScale.Tests.Burst.Reports;

[Collection(BurstReportCollection.Name)]
public sealed class ReportMarkdownTests(BurstReportFixture fixture)
{
    [Fact]
    public async Task Render_ThrottledRun_HasACallsPerSecondTableWithTheThrottlesAndTheClock()
    {
        var markdown = await File.ReadAllTextAsync(fixture.PathOf("report.md"));
        var lines = markdown.Split('\n').Select(l => l.TrimEnd()).ToList();

        Assert.Contains("## Cloud calls per second", lines);
        Assert.Contains("| calls per emulated second | FastScale | naive baseline |", lines);
        var throttledRow = lines.Single(l => l.StartsWith("| RunInstances throttled |", StringComparison.Ordinal));
        var fastScaleThrottled = long.Parse(throttledRow.Split('|')[2].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Report.FastScale.CloudCallsPerSecond.Throttled["RunInstances"].Sum(), fastScaleThrottled);
        Assert.True(fastScaleThrottled >= 2, throttledRow);
        var peakRow = lines.Single(l => l.StartsWith("| RunInstances peak (calls/s) |", StringComparison.Ordinal));
        Assert.Equal(fixture.Report.FastScale.CloudCallsPerSecond.Calls["RunInstances"].Max().ToString(System.Globalization.CultureInfo.InvariantCulture), peakRow.Split('|')[2].Trim());
        Assert.Contains(lines, l => l.StartsWith("| first throttled call (s) |", StringComparison.Ordinal) && !l.Contains($"| {FastScale.Burst.Reports.FigureText.None} |", StringComparison.Ordinal));
        Assert.Contains("Clock 8× wall time", markdown, StringComparison.Ordinal);
        Assert.Contains("all figures in emulated seconds", markdown, StringComparison.Ordinal);
    }
}
