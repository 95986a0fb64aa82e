using System.Globalization;
using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Plan;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.LoadTests.Scenarios;

/// <summary>
/// The README's comparison matrix: every scenario kind at N nodes, FastScale beside the upstream and naive baselines
/// on the same seed, as a markdown table. Plan-supported kinds are computed in simulated time (plan and burst agree
/// within 0.5% at 100 nodes, PlanBurstAgreementTests); fastmode needs the cluster simulator and runs as a burst.
/// </summary>
internal static class ComparisonMatrix
{
    private static readonly string[] Kinds = ["cold", "fastmode", "warm", "throttled", "stockout", "notonsale", "ipexhausted", "flaky", "restart", "brake"];

    public static async Task<int> RunAsync(int nodes, int seed, double timeScale)
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        var profile = LatencyProfileLoader.LoadEmbedded().GetOrThrow();
        Console.WriteLine("| scenario | policy | P50 (s) | P90 (s) | P99 (s) | reached | cloud calls | throttled | duplicates | leaks | computed by |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|---|--:|--:|--:|---|");
        foreach (var kind in Kinds)
        {
            var scenario = BurstScenarios.Find($"{kind}-{nodes}", null, out _)!;
            var byPlan = PlanRunner.Unsupported(scenario) is null;
            var runs = byPlan ? await PlanAsync(scenario, new PlanSettings(policy, profile, seed)) : await BurstAsync(scenario, new BurstSettings(policy, profile, seed, timeScale));
            foreach (var run in runs)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario.Name} | {run.Policy} | {FigureText.Seconds(run.Ready.P50)} | {FigureText.Seconds(run.Ready.P90)} | {FigureText.Seconds(run.Ready.P99)} | " +
                    $"{run.NodesReady}/{run.NodesRequested} | {Calls(run)} | {run.Throttled} | {run.DuplicateInstances} | {run.LeakedInstances} | " +
                    $"{(byPlan ? "plan" : $"burst {timeScale:0.##}×")} |"));
            }
        }

        return 0;
    }

    private static async Task<BurstRunResult[]> PlanAsync(BurstScenario scenario, PlanSettings settings) =>
    [
        (await PlanRunner.RunAsync(scenario, settings, TimeProvider.System)).Run,
        (await PlanRunner.RunAsync(scenario, settings, TimeProvider.System, BurstRunner.UpstreamPolicy)).Run,
        (await PlanRunner.RunAsync(scenario, settings, TimeProvider.System, BurstRunner.NaivePolicy)).Run,
    ];

    private static async Task<BurstRunResult[]> BurstAsync(BurstScenario scenario, BurstSettings settings)
    {
        var runner = new BurstRunner(settings, TimeProvider.System);
        return
        [
            await runner.RunFastScaleAsync(scenario, null, CancellationToken.None),
            await runner.RunUpstreamAsync(scenario, null, CancellationToken.None),
            await runner.RunNaiveAsync(scenario, null, CancellationToken.None),
        ];
    }

    /// <summary>Instance-launching calls (ECS RunInstances + StartInstances, or the upstream provider's ESS calls), and every call.</summary>
    private static string Calls(BurstRunResult run)
    {
        var ess = EssCallKeys.Total(run.CloudCalls);
        var launches = run.CloudCalls.GetValueOrDefault("RunInstances") + run.CloudCalls.GetValueOrDefault("StartInstances");
        var all = run.CloudCalls.Values.Sum();
        return ess > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ess} ESS ({run.CloudCalls.GetValueOrDefault(EssCallKeys.Prefix + "ExecuteScalingRule")} ExecuteScalingRule)")
            : string.Create(CultureInfo.InvariantCulture, $"{launches} launch / {all} all");
    }
}
