using System.Globalization;
using FastScale.Burst.Reports;

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
        Assert.Contains("| calls per emulated second | FastScale | upstream baseline | naive baseline |", lines);
        var throttledRow = lines.Single(l => l.StartsWith("| RunInstances throttled |", StringComparison.Ordinal));
        var fastScaleThrottled = long.Parse(throttledRow.Split('|')[2].Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Report.FastScale.CloudCallsPerSecond.Throttled["RunInstances"].Sum(), fastScaleThrottled);
        var naiveThrottled = long.Parse(throttledRow.Split('|')[4].Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Report.Naive.CloudCallsPerSecond.Throttled.GetValueOrDefault("RunInstances", []).Sum(), naiveThrottled);
        Assert.True(fastScaleThrottled >= 2, throttledRow);
        var peakRow = lines.Single(l => l.StartsWith("| RunInstances peak (calls/s) |", StringComparison.Ordinal));
        Assert.Equal(fixture.Report.FastScale.CloudCallsPerSecond.Calls["RunInstances"].Max().ToString(CultureInfo.InvariantCulture), peakRow.Split('|')[2].Trim());
        // FastScale met the throttling; the upstream column may say "—" (ESS's calls are not the account's).
        Assert.NotEqual(FigureText.None, Cells(lines, "first throttled call (s)")[0]);
        Assert.Contains("Clock 8× wall time", markdown, StringComparison.Ordinal);
        Assert.Contains("all figures in emulated seconds", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ThrottledRun_ShowsFastScaleUpstreamAndNaiveSideBySideWithTheUpstreamProvidersEssCalls()
    {
        var lines = (await File.ReadAllTextAsync(fixture.PathOf("report.md"))).Split('\n').Select(l => l.TrimEnd()).ToList();
        var report = fixture.Report;

        Assert.Contains("| | FastScale | upstream baseline | naive baseline | floor |", lines);
        Assert.Equal(
            [$"{report.FastScale.NodesReady} / 20", $"{report.Upstream.NodesReady} / 20", $"{report.Naive.NodesReady} / 20"],
            Cells(lines, "nodes Ready")[..3]);
        Assert.Equal(report.Runs.Select(r => FigureText.Seconds(r.Run.Ready.P90)), Cells(lines, "ready p90 (s)")[..3]);
        Assert.Equal(["0", EssCallKeys.Total(report.Upstream.CloudCalls).ToString(CultureInfo.InvariantCulture), "0"], Cells(lines, "ESS calls (provider)")[..3]);
        Assert.True(EssCallKeys.Total(report.Upstream.CloudCalls) > 0, "the upstream provider made no ESS call");
        Assert.Contains(lines, l => l.StartsWith("P90 against the floor: ", StringComparison.Ordinal)
            && l.Contains("; upstream baseline P90 against FastScale's: ", StringComparison.Ordinal)
            && l.EndsWith("(the lower bound).", StringComparison.Ordinal));
    }

    /// <summary>The figures of the summary row <paramref name="label"/>, one per column after the label.</summary>
    private static string[] Cells(IEnumerable<string> lines, string label) =>
        [.. lines.Single(l => l.StartsWith($"| {label} |", StringComparison.Ordinal)).Trim('|').Split('|').Skip(1).Select(c => c.Trim())];
}
