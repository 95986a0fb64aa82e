using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastScale.Plan;

/// <summary>
/// <c>plan.json</c>: the scenario and one entry per row, with the fields of a burst report's summary (DESIGN.md §4:
/// readySeconds, floorSeconds, duplicateInstances, leakedInstances, …) in simulated seconds, plus the idle cost.
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
                ["readySeconds"] = new JsonObject
                {
                    ["p50"] = Number(row.P50), ["p90"] = Number(row.P90), ["p99"] = Number(row.P99),
                    ["max"] = Number(run.ReadySeconds.Count > 0 ? run.ReadySeconds[^1] : double.NaN),
                },
                ["floorSeconds"] = new JsonObject
                {
                    ["p50"] = Number(Burst.Percentiles.Of(run.FloorSeconds, 0.5)), ["p90"] = Number(row.FloorP90),
                    ["p99"] = Number(Burst.Percentiles.Of(run.FloorSeconds, 0.99)),
                },
                ["firstCloudCallSeconds"] = run.FirstCloudCallSeconds is { } first ? Number(first) : null,
                ["allRequestedSeconds"] = run.AllRequestedSeconds is { } all ? Number(all) : null,
                ["cloudCalls"] = new JsonObject(run.CloudCalls.OrderBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
                ["throttled"] = run.Throttled,
                ["retries"] = run.Retries,
                ["instancesCreated"] = run.InstancesCreated,
                ["instancesFromWarmPool"] = run.InstancesFromWarmPool,
                ["duplicateInstances"] = run.DuplicateInstances,
                ["leakedInstances"] = run.LeakedInstances,
                ["replacedNodes"] = run.ReplacedNodes,
                ["timedOut"] = run.TimedOut,
                ["warmPoolSize"] = row.Result.WarmPoolSize,
                ["idleCostPerHour"] = row.IdleCostPerHour is { } hour ? Math.Round(hour, 4) : null,
                ["idleCostPerMonth"] = row.IdleCostPerMonth is { } month ? Math.Round(month, 2) : null,
                ["wallSeconds"] = Math.Round(row.Result.WallSeconds, 3),
                ["timerEvents"] = row.Result.TimerEvents,
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

    private static JsonNode? Number(double value) => double.IsNaN(value) ? null : Math.Round(value, 3);
}
