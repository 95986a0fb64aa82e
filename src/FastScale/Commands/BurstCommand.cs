using System.CommandLine;
using System.Globalization;
using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Commands;

/// <summary>
/// <c>fastscale burst</c>: a scale-out from a standing start on the embedded world, FastScale and the naive baseline with
/// the same seed, a progress line per second, a summary table, and a report folder (report.json, report.md, report.html).
/// </summary>
internal static class BurstCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = $"Scenario: {string.Join(", ", BurstScenarios.Names)}, or any KIND-N of those kinds",
            DefaultValueFactory = _ => BurstScenarios.Default,
        };
        var nodes = new Option<int?>("--nodes") { Description = "Nodes in the burst (replaces the scenario's N)" };
        var report = new Option<string?>("--report") { Description = "Report folder (default ./reports/<timestamp>/)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the emulated world (latency samples, instance ids)", DefaultValueFactory = _ => 1 };
        var timeScale = new Option<double>("--time-scale")
        {
            Description = "Emulated seconds per wall second: the whole world runs this much faster than real time; figures stay in emulated seconds",
            DefaultValueFactory = _ => 4,
        };

        var command = new Command("burst", "Run a burst scale-out on the embedded world against the naive baseline and write a report")
        {
            scenario, nodes, report, seed, timeScale,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = BurstScenarios.Find(parse.GetValue(scenario)!, parse.GetValue(nodes), out var problem) ?? throw new UserError(problem!);
            var scale = parse.GetValue(timeScale);
            if (!(scale is >= 1 and <= 50))
            {
                throw new UserError($"--time-scale: expected a number from 1 to 50, got {scale.ToString(CultureInfo.InvariantCulture)}");
            }

            // A burst larger than the sample group's maxSize runs with the max raised to it (BurstConditions.PolicyFor).
            var policy = EmbeddedPolicy.Load().Policy!;
            var wall = TimeProvider.System;
            var folder = parse.GetValue(report)
                ?? Path.Combine("reports", wall.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var settings = new BurstSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), parse.GetValue(seed), scale);
            Console.WriteLine($"burst {chosen.Name}: FastScale, then the naive baseline; seed {settings.Seed}, time {scale:0.##}× faster than real");
            var result = await BurstSession.RunAsync(chosen, settings, folder, PrintProgress, wall, cancellationToken);

            Console.WriteLine();
            foreach (var line in ReportMarkdown.Render(result).Split('\n').Where(l => l.StartsWith('|') || l.StartsWith("P90", StringComparison.Ordinal)))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine();
            Console.WriteLine($"report: {Path.GetFullPath(folder)}");
            if (result.FastScale.TimedOut)
            {
                Console.Error.WriteLine($"fastscale: only {result.FastScale.NodesReady} of {chosen.Nodes} nodes were Ready after {chosen.Timeout.TotalSeconds:0} s");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static void PrintProgress(BurstProgress p) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {p.Policy,-9} {p.Ready,5}/{p.Requested} ready  t={p.EmulatedSeconds,6:0.0} s emulated  {p.WallSeconds,5:0.0} s wall"));
}
