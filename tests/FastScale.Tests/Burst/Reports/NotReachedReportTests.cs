using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Tests.Burst.Reports;

/// <summary>
/// The reports of a run that never got all its nodes Ready: brake-100 (40 % of the instances never boot and the brake
/// holds them back), computed in simulated time, in FastScale's column; beside it, as both baselines' columns, cold-100,
/// which reached every node. Percentiles are over the nodes requested, so brake-100's P90 is not reached: null in JSON,
/// "—" in every table, never the P90 of the nodes that did get Ready.
/// </summary>
public sealed class NotReachedReportTests(NotReachedReportTests.Runs runs) : IClassFixture<NotReachedReportTests.Runs>
{
    [Fact]
    public void Brake100_ReachesP50ButNotP90()
    {
        var ready = runs.Brake.Ready;

        Assert.InRange(ready.Reached, 50, 89);
        Assert.Equal(runs.Brake.NodesReady, ready.Reached);
        Assert.NotNull(ready.P50);
        Assert.Null(ready.P90);
    }

    [Fact]
    public void ReportJson_Brake100_ReadySecondsHasNullP90P99MaxAndTheReachedCount()
    {
        var json = JsonNode.Parse(ReportJson.Render(runs.Report))!;

        var ready = json["readySeconds"]!.AsObject();
        Assert.Equal(["p50", "p90", "p99", "max", "reached"], ready.Select(p => p.Key));
        Assert.NotNull(ready["p50"]);
        Assert.Null(ready["p90"]);
        Assert.Null(ready["p99"]);
        Assert.Null(ready["max"]);
        Assert.Equal(runs.Brake.NodesReady, (int)ready["reached"]!);
        Assert.Equal((int)json["nodesReady"]!, (int)ready["reached"]!);
        // The floor reaches every node; the baseline column's run reached all 100, so its max is its last node.
        Assert.NotNull(json["floorSeconds"]!["p90"]);
        var baseline = json["baseline"]!["readySeconds"]!;
        Assert.Equal(100, (int)baseline["reached"]!);
        Assert.Equal(runs.Cold.ReadySeconds[^1], (double)baseline["max"]!, 3);
    }

    [Fact]
    public void ReportMarkdown_Brake100_ShowsADashForEveryPercentileNotReachedAndSaysWhy()
    {
        var markdown = ReportMarkdown.Render(runs.Report);
        var rows = MarkdownTables.Parse(markdown)[0];

        Assert.Equal(["ready p90 (s)", FigureText.None], Row(rows, "ready p90 (s)")[..2]);
        Assert.Equal(FigureText.None, Row(rows, "ready p99 (s)")[1]);
        Assert.Equal(FigureText.None, Row(rows, "ready max (s)")[1]);
        Assert.NotEqual(FigureText.None, Row(rows, "ready p50 (s)")[1]);
        // The column that reached every node, and the floor, keep their figures.
        Assert.DoesNotContain(FigureText.None, Row(rows, "ready p90 (s)")[2..]);
        Assert.Contains("P90 against the floor: —;", markdown, StringComparison.Ordinal);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"FastScale {runs.Brake.NodesReady} of 100, upstream baseline 100 of 100, naive baseline 100 of 100"),
            markdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ReportConsole_Brake100_ShowsTheDashAndWhatItMeans()
    {
        var text = ReportConsole.Render(runs.Report);

        var p90 = text.Split('\n').Single(l => l.TrimStart().StartsWith("ready p90 (s)", StringComparison.Ordinal));
        Assert.Equal(FigureText.None, p90.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
        Assert.Contains(ReportMarkdown.NotReachedNote, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportHtml_Brake100_ShowsTheDashAndACdfThatStopsAtTheShareReached()
    {
        var html = ReportHtml.Render(runs.Report);

        Assert.Contains("<tr><td>ready p90 (s)</td><td>—</td>", html, StringComparison.Ordinal);
        // The CDF's last step is at reached / requested: below the floor's, which reaches every node.
        Assert.True(LastY(html, "FastScale") > LastY(html, "floor") + 1, "FastScale's CDF should end below the floor's");
    }

    [Fact]
    public async Task PlanSession_Brake100_PlanJsonHasNullP90AndPlanHtmlADash()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fastscale-plan-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = await PlanSession.RunAsync(runs.Scenario, runs.Settings, sweep: null, folder, _ => { }, TimeProvider.System, CancellationToken.None);

            var row = report.Rows.Single();
            Assert.Null(row.Ready.P90);
            var ready = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "plan.json")))!["rows"]![0]!["readySeconds"]!;
            Assert.Null(ready["p90"]);
            Assert.Null(ready["max"]);
            Assert.Equal(row.Run.NodesReady, (int)ready["reached"]!);
            var html = await File.ReadAllTextAsync(Path.Combine(folder, "plan.html"));
            Assert.Matches(@"<td>\d+\.\d</td><td>—</td><td>—</td><td>\d+\.\d</td>", html);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string[] Row(IReadOnlyList<string[]> rows, string label) => rows.Single(r => r[0] == label);

    /// <summary>The y of the last point of a chart series' path (SVG y grows downwards).</summary>
    private static double LastY(string html, string series)
    {
        var d = Regex.Match(html, $"data-name=\"{series}\" d=\"([^\"]+)\"").Groups[1].Value;
        return double.Parse(d.Split(',')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>brake-100 and cold-100 on seed 1 in simulated time, computed once for the class.</summary>
    public sealed class Runs : IAsyncLifetime
    {
        internal BurstScenario Scenario { get; } = BurstScenarios.Find("brake-100", null, out _)!;

        internal PlanSettings Settings { get; } = new(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), Seed: 1);

        internal BurstRunResult Brake { get; private set; } = null!;

        internal BurstRunResult Cold { get; private set; } = null!;

        internal BurstReport Report { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Brake = (await PlanRunner.RunAsync(Scenario, Settings, TimeProvider.System)).Run;
            Cold = (await PlanRunner.RunAsync(BurstScenarios.Find("cold-100", null, out _)!, Settings, TimeProvider.System)).Run;
            Report = new BurstReport(Scenario, Brake, Cold, Cold, Seed: 1, TimeScale: 1, Settings.Profile.Name);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
