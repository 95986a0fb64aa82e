using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.LoadTests.Scenarios;

/// <summary>
/// The thin console over the host's burst scenarios (src/FastScale/Burst), for the bigger runs: one or more scenarios in a
/// row, each with its own report folder under <c>reports/loadtests/</c>.
/// </summary>
internal static class BurstScenarioRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> names, int seed, double timeScale)
    {
        var settings = new BurstSettings(EmbeddedPolicy.Load().Policy!, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), seed, timeScale);
        var failed = 0;
        foreach (var name in names)
        {
            if (BurstScenarios.Find(name, null, out var problem) is not { } scenario)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }

            var folder = Path.Combine("reports", "loadtests", scenario.Name);
            var report = await BurstSession.RunAsync(scenario, settings, folder, null, TimeProvider.System, CancellationToken.None);
            var (run, upstream, naive) = (report.FastScale, report.Upstream, report.Naive);
            Console.WriteLine(
                $"{scenario.Name}: ready {run.NodesReady}/{run.NodesRequested}, p50 {FigureText.Seconds(run.Ready.P50)} s, " +
                $"p90 {FigureText.Seconds(run.Ready.P90)} s (floor {FigureText.Seconds(run.Floor.P90)} s, upstream " +
                $"{FigureText.Seconds(upstream.Ready.P90)} s, naive {FigureText.Seconds(naive.Ready.P90)} s), duplicates {run.DuplicateInstances}, " +
                $"leaks {run.LeakedInstances}, wall {run.WallSeconds + upstream.WallSeconds + naive.WallSeconds:0} s -> {Path.GetFullPath(folder)}");
            failed += run.TimedOut || run.DuplicateInstances > 0 || run.LeakedInstances > 0 ? 1 : 0;
        }

        return failed == 0 ? 0 : 1;
    }
}
