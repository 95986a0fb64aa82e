using System.Text.Json;
using System.Text.Json.Nodes;
using FastScale.Burst;
using FastScale.Burst.Reports;

namespace FastScale.Plan;

/// <summary>
/// <c>plan.json</c>: the scenario and one entry per row, with the fields of a burst report's summary (report.json's
/// readySeconds, floorSeconds, duplicateInstances, leakedInstances, instancesByOffering, …) in simulated seconds, plus the idle cost and the
/// upstream and naive baselines under <c>baselines</c>, as in report.json.
/// </summary>
internal static class PlanJson
{
    public static string Render(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new JsonArray();
        foreach (var row in report.Rows)
        {
            var run = row.Run;
            rows.Add(new JsonObject
            {
                ["value"] = row.Label,
                ["nodesRequested"] = run.NodesRequested,
                ["nodesReady"] = run.NodesReady,
                ["readySeconds"] = ReportJson.Ready(run.Ready),
                ["floorSeconds"] = ReportJson.Floor(run.Floor),
                ["firstCloudCallSeconds"] = ReportJson.Number(run.FirstCloudCallSeconds),
                ["allRequestedSeconds"] = ReportJson.Number(run.AllRequestedSeconds),
                ["cloudCalls"] = ReportJson.Calls(run.CloudCalls),
                ["throttled"] = run.Throttled,
                ["retries"] = run.Retries,
                ["instancesCreated"] = run.InstancesCreated,
                ["instancesFromWarmPool"] = run.InstancesFromWarmPool,
                ["duplicateInstances"] = run.DuplicateInstances,
                ["leakedInstances"] = run.LeakedInstances,
                ["replacedNodes"] = run.ReplacedNodes,
                ["instancesByOffering"] = ReportJson.Offerings(run.InstancesByOffering),
                ["timedOut"] = run.TimedOut,
                ["warmPoolSize"] = row.Result.WarmPoolSize,
                ["warmPoolKeepCharging"] = row.Result.WarmPoolKeepCharging,
                ["idleCostPerHour"] = row.IdleCostPerHour is { } hour ? Math.Round(hour, 4) : null,
                ["idleCostPerMonth"] = row.IdleCostPerMonth is { } month ? Math.Round(month, 2) : null,
                ["wallSeconds"] = Math.Round(row.Result.WallSeconds, 3),
                ["timerEvents"] = row.Result.TimerEvents,
                ["baselines"] = new JsonObject { ["upstream"] = Baseline(row.Upstream), ["naive"] = Baseline(row.Naive) },
            });
        }

        var json = new JsonObject
        {
            ["scenario"] = report.Scenario,
            ["nodesRequested"] = report.Nodes,
            ["group"] = report.GroupId,
            ["seed"] = report.Seed,
            ["profile"] = report.Profile,
            ["timeModel"] = "simulated",
            ["sweep"] = report.Parameter,
            ["rows"] = rows,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>A baseline's run with the field names of FastScale's own, as report.json's <c>baselines</c>.</summary>
    private static JsonObject Baseline(BurstRunResult run) => new()
    {
        ["policy"] = run.Policy,
        ["nodesReady"] = run.NodesReady,
        ["readySeconds"] = ReportJson.Ready(run.Ready),
        ["cloudCalls"] = ReportJson.Calls(run.CloudCalls),
        ["throttled"] = run.Throttled,
        ["instancesCreated"] = run.InstancesCreated,
        ["instancesFromWarmPool"] = run.InstancesFromWarmPool,
        ["duplicateInstances"] = run.DuplicateInstances,
        ["leakedInstances"] = run.LeakedInstances,
        ["instancesByOffering"] = ReportJson.Offerings(run.InstancesByOffering),
        ["timedOut"] = run.TimedOut,
    };
}
