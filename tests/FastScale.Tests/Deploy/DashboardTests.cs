using System.Text.Json;
using System.Text.RegularExpressions;
using FastScale.Tests.Metrics;

namespace FastScale.Tests.Deploy;

/// <summary>The Grafana dashboard queries only metrics a real <c>serve --embedded</c> exports.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Dashboard_EveryMetricInItsQueries_ExistsInARealScrape()
    {
        var names = MetricNames(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Deploy, "grafana", "fastscale-dashboard.json")));
        await using var traffic = await EmbeddedTraffic.StartAsync();
        await traffic.RunAsync();
        var scrape = await traffic.ScrapeAsync();

        Assert.NotEmpty(names);
        var missing = names.Where(n => !scrape.HasSample(n) && !scrape.HasAnyFamily(n)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard queries metrics the provider does not export: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Dashboard_IsValidJson_WithPanelsThatEachHaveAQuery()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Deploy, "grafana", "fastscale-dashboard.json")));

        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString())));
    }

    private static List<string> MetricNames(string json)
    {
        using var dashboard = JsonDocument.Parse(json);
        return
        [
            .. dashboard.RootElement.GetProperty("panels").EnumerateArray()
                .SelectMany(p => p.GetProperty("targets").EnumerateArray())
                .SelectMany(t => MetricName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value))
                .Distinct(),
        ];
    }

    [GeneratedRegex("fastscale_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
