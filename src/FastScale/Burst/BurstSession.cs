using FastScale.Burst.Reports;

namespace FastScale.Burst;

/// <summary>
/// One invocation of a burst, shared by <c>fastscale burst</c> and the tests: FastScale, then the upstream and the naive
/// baselines with the same seed (each on a fresh world), then the report folder.
/// </summary>
internal static class BurstSession
{
    public static async Task<BurstReport> RunAsync(
        BurstScenario scenario, BurstSettings settings, string reportFolder, Action<BurstProgress>? progress, TimeProvider wall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        var runner = new BurstRunner(settings, wall);
        var fastScale = await RunFastScaleAsync(runner, scenario, progress, cancellationToken);
        var upstream = await runner.RunUpstreamAsync(scenario, progress, cancellationToken);
        var naive = await runner.RunNaiveAsync(scenario, progress, cancellationToken);
        var report = new BurstReport(scenario, fastScale, upstream, naive, settings.Seed, settings.TimeScale, settings.Profile.Name, settings.ClusterTempo);
        await ReportWriter.WriteAsync(report, reportFolder, cancellationToken);
        return report;
    }

    /// <summary>
    /// FastScale's run of the scenario; for a scale-out during a rollout, also the comparison the issue asks for: the
    /// same world, workloads and scale-out without the image change, whose scale-out figures join the first run's.
    /// </summary>
    public static async Task<BurstRunResult> RunFastScaleAsync(
        BurstRunner runner, BurstScenario scenario, Action<BurstProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(scenario);
        var fastScale = await runner.RunFastScaleAsync(scenario, progress, cancellationToken);
        if (scenario.Rollout is { ScaleOut: true } rollout)
        {
            var plain = await runner.RunFastScaleAsync(scenario with { Rollout = rollout with { ChangeImage = false } }, progress, cancellationToken);
            fastScale = fastScale with { Rollout = fastScale.Rollout is { } figures ? figures with { ScaleOutWithoutRollout = plain.Rollout?.ScaleOut } : null };
        }

        return fastScale;
    }
}
