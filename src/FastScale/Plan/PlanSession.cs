using FastScale.Burst;

namespace FastScale.Plan;

/// <summary>
/// One invocation of <c>fastscale plan</c>, shared by the command and the tests: the scenario once, or once per sweep
/// value (each on a fresh world, same seed), with FastScale and then the upstream and naive baselines, then
/// <c>plan.json</c> and <c>plan.html</c> in the output folder.
/// </summary>
internal static class PlanSession
{
    public static async Task<PlanReport> RunAsync(
        BurstScenario scenario, PlanSettings settings, PlanSweep? sweep, string? outFolder, Action<PlanRow>? progress, TimeProvider wall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        var values = sweep?.Values ?? [new PlanSweepValue(scenario.Name, null, p => p)];
        var rows = new List<PlanRow>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var policy = value.Apply(settings.Policy);
            var profile = value.ApplyProfile(settings.Profile);
            var changed = settings with { Policy = policy, Profile = profile, Upstream = value.ApplyUpstream(settings.UpstreamModel) };
            var result = await PlanRunner.RunAsync(scenario, changed, wall);
            var upstream = await PlanRunner.RunAsync(scenario, changed, wall, BurstRunner.UpstreamPolicy);
            var naive = await PlanRunner.RunAsync(scenario, changed, wall, BurstRunner.NaivePolicy);
            var group = policy.NodeGroups.First(g => g.Id == scenario.GroupId);
            var row = new PlanRow(value.Label, value.Number, result, group.Prices, upstream.Run, naive.Run);
            rows.Add(row);
            progress?.Invoke(row);
        }

        var report = new PlanReport(scenario.Name, scenario.Nodes, scenario.GroupId, settings.Seed, settings.Profile.Name, sweep?.Parameter, rows);
        if (outFolder is not null)
        {
            Directory.CreateDirectory(outFolder);
            await File.WriteAllTextAsync(Path.Combine(outFolder, "plan.json"), PlanJson.Render(report), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(outFolder, "plan.html"), PlanHtml.Render(report), cancellationToken);
        }

        return report;
    }
}
