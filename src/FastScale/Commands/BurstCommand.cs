using System.CommandLine;
using System.Globalization;
using FastScale.Burst;
using FastScale.Burst.Reports;
using FastScale.Engine.Policy;
using FastScale.Serve;
using FastScale.Simulation.LatencyModel;

namespace FastScale.Commands;

/// <summary>
/// <c>fastscale burst</c>: a scale-out from a standing start on the embedded world, FastScale, the upstream and the naive
/// baselines with the same seed, live progress (<see cref="BurstProgressView"/>), a summary table, and a report folder (report.json,
/// report.md, report.html).
/// </summary>
internal static class BurstCommand
{
    /// <summary>Threads the pool starts without injection delay during a burst (see where it is set).</summary>
    private const int BurstMinThreads = 64;

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

        var policyFile = new Option<string?>("--policy") { Description = "Scale policy YAML, as for serve --policy (default: the built-in sample policy)" };
        var groupId = new Option<string?>("--group") { Description = "The node group of the burst (default: the policy's first group)" };

        var tempo = new Option<string>("--tempo")
        {
            Description = "The cluster's pace: instant (every pod at t = 0, the default), kubernetes (pods 20/s, scheduler 50/s: the defaults), tuned (800/s each)",
            DefaultValueFactory = _ => "instant",
        };
        var podQps = new Option<double?>("--pod-qps") { Description = "Pods created per second by the simulated ReplicaSet controller (replaces the tempo's)" };
        var podBurst = new Option<int?>("--pod-burst") { Description = "Burst of that controller's client (default: the tempo's, else 30)" };
        var schedulerQps = new Option<double?>("--scheduler-qps") { Description = "Writes per second of the simulated scheduler, 0 unpaced (replaces the tempo's)" };
        var schedulerBurst = new Option<int?>("--scheduler-burst") { Description = "Burst of the scheduler's client (default: the tempo's, else 100)" };
        var writeLatency = new Option<string?>("--api-write-latency") { Description = "How long each write to the API simulator takes, e.g. 20ms (default 0)" };

        var rrsaLifetime = new Option<TimeSpan?>("--rrsa-lifetime")
        {
            Description = "Sign the provider's ECS calls with RRSA: STS AssumeRoleWithOIDC keys living this long in emulated time, renewed before expiry (default: the emulator's AccessKey)",
        };
        var command = new Command("burst", "Run a burst scale-out on the embedded world against the upstream and the naive baselines and write a report")
        {
            scenario, nodes, report, seed, timeScale, policyFile, groupId, tempo, podQps, podBurst, schedulerQps, schedulerBurst, writeLatency, rrsaLifetime,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var found = BurstScenarios.Find(parse.GetValue(scenario)!, parse.GetValue(nodes), out var problem) ?? throw new UserError(problem!);
            var (policy, chosen) = ScenarioPolicy.Resolve(parse.GetValue(policyFile), parse.GetValue(groupId), found);
            var scale = parse.GetValue(timeScale);
            if (!(scale is >= 1 and <= 50))
            {
                throw new UserError($"--time-scale: expected a number from 1 to 50, got {scale.ToString(CultureInfo.InvariantCulture)}");
            }

            // The whole world (emulator, API server, kubelets, scheduler, provider, driver) shares one process; on a small
            // machine the pool's slow thread injection would show up as emulated latency (times the time scale).
            ThreadPool.GetMinThreads(out var workers, out var completion);
            ThreadPool.SetMinThreads(Math.Max(workers, BurstMinThreads), Math.Max(completion, BurstMinThreads));

            var wall = TimeProvider.System;
            var folder = parse.GetValue(report)
                ?? Path.Combine("reports", wall.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var pace = TempoOf(parse.GetValue(tempo)!, parse.GetValue(podQps), parse.GetValue(podBurst), parse.GetValue(schedulerQps),
                parse.GetValue(schedulerBurst), parse.GetValue(writeLatency));
            var policyPath = parse.GetValue(policyFile);
            var settings = new BurstSettings(policy, LatencyProfileLoader.LoadEmbedded().GetOrThrow(), parse.GetValue(seed), scale, Tempo: pace,
                RrsaLifetime: parse.GetValue(rrsaLifetime), PolicyText: policyPath is null ? null : await File.ReadAllTextAsync(policyPath, cancellationToken));
            Console.WriteLine($"burst {chosen.Name}: FastScale, then the upstream and the naive baselines; seed {settings.Seed}; clock {scale:0.##}× wall time, figures in emulated seconds");
            if (!pace.IsInstant)
            {
                Console.WriteLine($"tempo: {pace.Describe()}");
            }

            var view = new BurstProgressView(Console.Out, interactive: !Console.IsOutputRedirected);
            BurstReport result;
            try
            {
                result = await BurstSession.RunAsync(chosen, settings, folder, view.Show, wall, cancellationToken);
            }
            catch (TimeoutException e)
            {
                // A scenario's set-up that the embedded world could not finish in time (on a busy machine, or at a clock
                // too fast for its size): a user's problem to adjust, not a crash.
                throw new UserError($"{chosen.Name}: {e.Message}; try a lower --time-scale");
            }
            finally
            {
                view.Finish();
            }

            Console.WriteLine();
            Console.Write(ReportConsole.Render(result));
            Console.WriteLine();
            var full = Path.GetFullPath(folder);
            Console.WriteLine($"report: {full}");
            foreach (var file in new[] { "report.json", "report.md", "report.html" })
            {
                Console.WriteLine($"  {Path.Combine(full, file)}");
            }

            if (!chosen.ExpectsAllReady)
            {
                Console.WriteLine(result.FastScale.RepairPaused
                    ? $"repair brake: engaged; {result.FastScale.ReplacedNodes} replaced, {chosen.Nodes - result.FastScale.NodesReady} broken instances left for a person to look at"
                    : $"repair brake: NOT engaged; {result.FastScale.ReplacedNodes} replaced");
                return result.FastScale.RepairPaused ? 0 : 1;
            }

            var failures = BurstConditions.Failures(chosen, result.FastScale);
            if (failures.Count > 0)
            {
                Console.Error.WriteLine($"fastscale: {chosen.Name}: {string.Join("; ", failures)}");
                return 1;
            }

            return 0;
        });
        return command;
    }

    /// <summary>The named tempo with the flags given on top of it; a user error names every bad flag.</summary>
    internal static BurstTempo TempoOf(string name, double? podQps, int? podBurst, double? schedulerQps, int? schedulerBurst, string? writeLatency)
    {
        if (!BurstTempo.Named.TryGetValue(name, out var named))
        {
            throw new UserError($"--tempo: expected one of {string.Join(", ", BurstTempo.Named.Keys)}, got '{name}'");
        }

        var latency = named.ApiWriteLatency;
        if (writeLatency is not null && !GoDuration.TryParse(writeLatency, out latency))
        {
            throw new UserError($"--api-write-latency: expected a duration such as 20ms, got '{writeLatency}'");
        }

        var tempo = new BurstTempo(
            podQps ?? named.PodQps,
            podBurst ?? (named.PodQps is null ? BurstTempo.Kubernetes.PodBurst : named.PodBurst),
            schedulerQps ?? named.SchedulerQps,
            schedulerBurst ?? (named.SchedulerQps == 0 ? BurstTempo.Kubernetes.SchedulerBurst : named.SchedulerBurst),
            latency);
        var problems = tempo.Validate();
        return problems.Count == 0 ? tempo : throw new UserError(string.Join(Environment.NewLine, problems));
    }
}
