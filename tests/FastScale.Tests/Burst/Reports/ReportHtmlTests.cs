using System.Text.Json.Nodes;

namespace FastScale.Tests.Burst.Reports;

/// <summary>report.html as written, and as headless Chromium draws it.</summary>
[Collection(BurstReportCollection.Name)]
public sealed class ReportHtmlTests(BurstReportFixture fixture)
{
    /// <summary>The charts every report has; upstream's calls chart only when it made metered calls (else a sentence says why not).</summary>
    private static readonly string[] Charts = ["cdf", "timeline", "timeline-upstream", "timeline-naive", "calls", "calls-naive"];

    /// <summary>Per figure: its chart's box on the page, its title, legend and axis texts, and how much of it is drawn.</summary>
    private const string Inspect = """
        JSON.stringify({
          scripts: document.scripts.length,
          resources: performance.getEntriesByType('resource').map(r => r.name),
          clock: document.getElementById('clock')?.textContent ?? null,
          figures: [...document.querySelectorAll('figure')].map(f => {
            const svg = f.querySelector('svg');
            if (!svg) return { id: f.id, svg: false };
            const box = svg.getBoundingClientRect();
            const drawn = el => { const b = el.getBBox(); return b.width > 0 || b.height > 0; };
            const series = [...svg.querySelectorAll('path.series')];
            return {
              id: f.id, svg: true, width: box.width, height: box.height,
              texts: [...svg.querySelectorAll('text')].map(t => t.textContent),
              series: series.map(p => p.dataset.name),
              drawnSeries: series.filter(p => p.getTotalLength() > 0 && drawn(p)).length,
              marks: [...svg.querySelectorAll('circle.mark')].filter(drawn).length,
            };
          }),
        })
        """;

    [Fact]
    public async Task Render_ThrottledRun_HasTheThreeKindsOfChartAndTheClock()
    {
        var html = await File.ReadAllTextAsync(fixture.PathOf("report.html"));

        foreach (var id in ExpectedCharts())
        {
            Assert.Contains($"<figure id=\"{id}\"><svg ", html, StringComparison.Ordinal);
        }

        if (fixture.Report.Upstream.CloudCallsPerSecond.Calls.Count == 0)
        {
            Assert.Contains("<p id=\"calls-upstream\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("Cloud API calls per second, FastScale", html, StringComparison.Ordinal);
        Assert.Contains("calls per emulated second", html, StringComparison.Ordinal);
        Assert.Contains("data-name=\"RunInstances\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mark\"", html, StringComparison.Ordinal);
        Assert.Contains("<th>calls per emulated second</th>", html, StringComparison.Ordinal);
        Assert.Contains("Clock 8× wall time", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OpenedInHeadlessChromium_DrawsEveryChartWithoutErrors()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var chromium = await HeadlessChromium.StartAsync(timeout.Token);

        var tab = await chromium.OpenAsync(new Uri(fixture.PathOf("report.html")).AbsoluteUri, timeout.Token);
        var page = JsonNode.Parse((string)(await chromium.EvaluateAsync(tab, Inspect, timeout.Token))!)!;

        Assert.Empty(chromium.Problems(tab));
        Assert.Equal(0, (int)page["scripts"]!);
        Assert.Empty(page["resources"]!.AsArray());
        Assert.Contains("all figures in emulated seconds", (string?)page["clock"], StringComparison.Ordinal);
        var figures = page["figures"]!.AsArray().ToDictionary(f => (string)f!["id"]!, f => f!);
        Assert.Equal(ExpectedCharts().Order(), figures.Keys.Order());
        foreach (var (id, figure) in figures)
        {
            Assert.True((bool)figure["svg"]!, $"{id}: no <svg>");
            Assert.True((double)figure["width"]! > 100 && (double)figure["height"]! > 100, $"{id}: box {figure["width"]}×{figure["height"]}");
            var series = figure["series"]!.AsArray().Select(s => (string)s!).ToList();
            Assert.NotEmpty(series);
            Assert.Equal(series.Count, (int)figure["drawnSeries"]!);
            var texts = figure["texts"]!.AsArray().Select(t => (string)t!).ToList();
            // A title, the x axis in emulated seconds, a y axis label, and a legend entry per line.
            Assert.StartsWith(id switch { "cdf" => "Node readiness", _ when id.StartsWith("timeline", StringComparison.Ordinal) => "Timeline", _ => "Cloud API calls per second" }, texts[0], StringComparison.Ordinal);
            Assert.Contains("seconds from t = 0 (emulated)", texts);
            Assert.All(series, name => Assert.Contains(name, texts));
        }

        Assert.Equal(["FastScale", "upstream baseline", "naive baseline", "floor"], figures["cdf"]["series"]!.AsArray().Select(s => (string)s!));
        Assert.StartsWith("Timeline, upstream baseline", (string?)figures["timeline-upstream"]["texts"]![0], StringComparison.Ordinal);
        Assert.StartsWith("Timeline, naive baseline", (string?)figures["timeline-naive"]["texts"]![0], StringComparison.Ordinal);
        Assert.Equal(["requested", "Running", "registered", "Ready"], figures["timeline"]["series"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("RunInstances", figures["calls"]["series"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("throttled", figures["calls"]["texts"]!.AsArray().Select(t => (string)t!));
        Assert.True((int)figures["calls"]["marks"]! >= 1, "no throttled second marked on FastScale's calls chart");
    }

    private string[] ExpectedCharts() =>
        fixture.Report.Upstream.CloudCallsPerSecond.Calls.Count > 0 ? [.. Charts, "calls-upstream"] : Charts;

    [Fact]
    public void FindExecutable_OnThisMachine_FindsChromium()
    {
        // The browser test must fail, not skip, where Chromium is missing; this says why in one line.
        Assert.True(HeadlessChromium.FindExecutable() is not null, "Chromium is not installed: apt-get install -y chromium (.ci/run installs it)");
    }
}
