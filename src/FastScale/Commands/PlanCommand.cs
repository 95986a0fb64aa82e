using System.CommandLine;
using System.Globalization;
using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Plan;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Commands;

/// <summary>
/// <c>fastscale plan</c>: the burst scenarios computed in simulated time with the engine's own code (see
/// <see cref="PlanRunner"/>), once or over a sweep of one policy or latency-profile parameter, for capacity planners: a table on the
/// console and <c>plan.json</c> + <c>plan.html</c> in the output folder.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "Scenario KIND-N with KIND one of cold, warm, throttled, stockout, notonsale, ipexhausted, flaky, brake, restart (fastmode needs burst)",
            DefaultValueFactory = _ => BurstScenarios.Default,
        };
        var nodes = new Option<int?>("--nodes") { Description = "Nodes in the burst (replaces the scenario's N)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated world (latency samples, instance ids)", DefaultValueFactory = _ => 1 };
        var profile = new Option<string>("--profile")
        {
            Description = "Latency profile: a name from the built-in profiles, or NAME@FILE for a profile in a YAML file",
            DefaultValueFactory = _ => LatencyProfileLoader.DefaultProfileName,
        };
        var policyFile = new Option<string?>("--policy") { Description = "Scale policy YAML, as for serve --policy (default: the built-in sample policy)" };
        var groupId = new Option<string?>("--group") { Description = "The node group of the burst (default: the policy's first group)" };
        var output = new Option<string?>("--out") { Description = "Folder for plan.json and plan.html (default ./plans/<timestamp>/)" };
        var sweep = new Option<string?>("--sweep")
        {
            Description = "NAME=V1,V2,… with NAME warmPool (pool size), qps (RunInstances calls/s) , instanceTypes (types of one value joined with +), provisioningPerSecond (region's instances/s), or coldProvisioning, startProvisioning, registration, readiness (factor xF on the phase's median and p90)",
        };

        var noEconomicalMode = new Option<bool>("--no-economical-mode")
        {
            Description = "Plan for an account where ECS does not grant economical mode (stops read back as KeepCharging): the warm pool's idle cost is then the running price",
        };

        var command = new Command("plan", "Compute a burst scenario in simulated time, or a sweep over a policy or latency-profile parameter, for capacity planning")
        {
            scenario, nodes, seed, profile, policyFile, groupId, output, sweep, noEconomicalMode,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var found = BurstScenarios.Find(parse.GetValue(scenario)!, parse.GetValue(nodes), out var problem) ?? throw new UserError(problem!);
            if (PlanRunner.Unsupported(found) is { } unsupported)
            {
                throw new UserError(unsupported);
            }

            var (policy, chosen) = ScenarioPolicy.Resolve(parse.GetValue(policyFile), parse.GetValue(groupId), found);
            PlanSweep? parsed = null;
            if (parse.GetValue(sweep) is { } sweepText)
            {
                parsed = PlanSweep.Parse(sweepText, policy.NodeGroups.First(g => g.Id == chosen.GroupId), out var problems)
                    ?? throw new UserError(string.Join(Environment.NewLine, problems));
                if (parsed.Parameter == PlanSweep.WarmPool && chosen.Condition == BurstCondition.Warm)
                {
                    throw new UserError($"--sweep warmPool: scenario '{chosen.Name}' fixes the pool at {chosen.Nodes}; sweep the pool size with cold-{chosen.Nodes}");
                }
            }

            var settings = new PlanSettings(policy, LoadProfile(parse.GetValue(profile)!), parse.GetValue(seed))
            {
                EconomicalModeUnavailable = parse.GetValue(noEconomicalMode),
            };
            var wall = TimeProvider.System;
            var folder = parse.GetValue(output)
                ?? Path.Combine("plans", wall.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Console.WriteLine($"plan {chosen.Name}: group {chosen.GroupId}, seed {settings.Seed}, profile {settings.Profile.Name}, simulated time"
                + (parsed is null ? "" : $", sweep over {parsed.Parameter}"));
            Console.WriteLine($"| {parsed?.Parameter ?? "scenario",-21} | ready     | P50 (s) | P90 (s) | P99 (s) | floor P90 | dup | leak | idle/h  | idle/month | upstream P90 | naive P90 | wall (s) |");
            Console.WriteLine("|-----------------------|-----------|--------:|--------:|--------:|----------:|----:|-----:|--------:|-----------:|-------------:|----------:|---------:|");
            PlanReport report;
            try
            {
                report = await PlanSession.RunAsync(chosen, settings, parsed, folder, PrintRow, wall, cancellationToken);
            }
            catch (TimeoutException e)
            {
                throw new UserError(e.Message);
            }

            Console.WriteLine();
            if (report.Rows.Any(r => r.Ready.Max is null))
            {
                Console.WriteLine($"{FigureText.None}: not reached; percentiles are over the nodes requested, a node never Ready counts as never");
            }

            Console.WriteLine($"plan: {Path.GetFullPath(folder)}");
            if (report.Rows.FirstOrDefault(r => r.Result.ForeignThreadCalls > 0) is { } escaped)
            {
                // See VirtualTimeProvider: work that left the simulation's thread raced the clock.
                Console.Error.WriteLine($"fastscale: warning: {escaped.Label}: {escaped.Result.ForeignThreadCalls} timers were armed off the simulation's thread; its figures may not repeat");
            }

            var incomplete = report.Rows.FirstOrDefault(r => r.Run.TimedOut);
            if (incomplete is not null)
            {
                Console.Error.WriteLine($"fastscale: {incomplete.Label}: only {incomplete.Run.NodesReady} of {chosen.Nodes} nodes were Ready after {chosen.Timeout.TotalSeconds:0} s simulated");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static LatencyProfile LoadProfile(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var result = at < 0 ? LatencyProfileLoader.LoadEmbedded(text) : LatencyProfileLoader.LoadFile(text[(at + 1)..], text[..at]);
        return result.IsValid ? result.Profile! : throw new UserError("--profile: " + string.Join(Environment.NewLine, result.Problems));
    }

    private static void PrintRow(PlanRow row) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {row.Label,-21} | {row.Run.NodesReady,4}/{row.Run.NodesRequested,-4} | {Seconds(row.Ready.P50),7} | {Seconds(row.Ready.P90),7} | {Seconds(row.Ready.P99),7} | {Seconds(row.FloorP90),9} | {row.Run.DuplicateInstances,3} | {row.Run.LeakedInstances,4} | {Cost(row.IdleCostPerHour, "0.00"),7} | {Cost(row.IdleCostPerMonth, "0"),10} | {Seconds(row.Upstream.Ready.P90),12} | {Seconds(row.Naive.Ready.P90),9} | {row.Result.WallSeconds,8:0.00} |"));

    private static string Seconds(double? value) => FigureText.Seconds(value);

    private static string Cost(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
