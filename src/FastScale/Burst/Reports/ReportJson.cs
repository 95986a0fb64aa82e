using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastScale.Burst.Reports;

/// <summary>
/// report.json: every field of the report contract, in its order, then what this runner adds: FastScale's run at the
/// top level, the baselines under <c>baselines</c> with the same field names (and the naive one under its old name,
/// <c>baseline</c>, for one release).
/// </summary>
internal static class ReportJson
{
    public static string Render(BurstReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.FastScale;
        var baseline = report.Baseline;
        var json = new JsonObject
        {
            ["scenario"] = report.Scenario.Name,
            ["nodesRequested"] = run.NodesRequested,
            ["nodesReady"] = run.NodesReady,
            ["readySeconds"] = Ready(run.Ready),
            ["floorSeconds"] = Floor(run.Floor),
            ["firstCloudCallSeconds"] = Number(run.FirstCloudCallSeconds),
            ["firstUnschedulableSeconds"] = Number(run.FirstUnschedulableSeconds),
            ["unschedulableToFirstCloudCallSeconds"] = Number(run.UnschedulableToFirstCloudCallSeconds),
            ["allRequestedSeconds"] = Number(run.AllRequestedSeconds),
            ["cloudCalls"] = Calls(run.CloudCalls),
            ["launchCallsPerNode"] = LaunchCallsPerNode(run),
            ["throttled"] = run.Throttled,
            ["cloudErrors"] = Calls(run.CloudErrors),
            ["retries"] = run.Retries,
            ["instancesCreated"] = run.InstancesCreated,
            ["instancesFromWarmPool"] = run.InstancesFromWarmPool,
            ["duplicateInstances"] = run.DuplicateInstances,
            ["leakedInstances"] = run.LeakedInstances,
            ["replacedNodes"] = run.ReplacedNodes,
            ["repairPaused"] = run.RepairPaused,
            ["restart"] = run.Restart is { } restart ? new JsonObject
            {
                ["crashedAtSeconds"] = restart.CrashedAtSeconds,
                ["instancesAtCrash"] = restart.InstancesAtCrash,
                ["recoveredAfterSeconds"] = restart.RecoveredAfterSeconds,
                ["firstLaunchAfterSeconds"] = Number(restart.FirstLaunchAfterSeconds),
                ["reRequested"] = restart.ReRequested,
            } : null,
            ["faults"] = FaultNote.Json(run.Faults),
            ["rollout"] = RolloutNote.Json(run.Rollout),
            ["instancesByOffering"] = Offerings(run.InstancesByOffering),
            ["cloudCallsPerSecond"] = PerSecond(run.CloudCallsPerSecond),
            // The old name of baselines.naive, for one release: exactly the fields it always had, so readers keep working.
            ["baseline"] = new JsonObject
            {
                ["policy"] = baseline.Policy,
                ["readySeconds"] = Ready(baseline.Ready),
                ["nodesReady"] = baseline.NodesReady,
                ["floorSeconds"] = Floor(baseline.Floor),
                ["firstCloudCallSeconds"] = Number(baseline.FirstCloudCallSeconds),
                ["allRequestedSeconds"] = Number(baseline.AllRequestedSeconds),
                ["cloudCalls"] = Calls(baseline.CloudCalls),
                ["throttled"] = baseline.Throttled,
                ["instancesCreated"] = baseline.InstancesCreated,
                ["instancesByOffering"] = Offerings(baseline.InstancesByOffering),
                ["cloudCallsPerSecond"] = PerSecond(baseline.CloudCallsPerSecond),
                ["timedOut"] = baseline.TimedOut,
                ["durationSeconds"] = Round(baseline.DurationSeconds),
            },
            ["baselines"] = new JsonObject
            {
                ["upstream"] = Baseline(report.Upstream),
                ["naive"] = Baseline(report.Naive),
            },
            ["demand"] = report.Scenario.Demand == BurstDemand.IncreaseSize ? "IncreaseSize" : "PendingPods",
            ["seed"] = report.Seed,
            ["timeScale"] = report.TimeScale,
            ["tempo"] = new JsonObject
            {
                ["podQps"] = report.ClusterTempo.PodQps,
                ["podBurst"] = report.ClusterTempo.PodQps is null ? null : report.ClusterTempo.PodBurst,
                ["schedulerQps"] = report.ClusterTempo.SchedulerQps,
                ["schedulerBurst"] = report.ClusterTempo.SchedulerQps > 0 ? report.ClusterTempo.SchedulerBurst : null,
                ["apiWriteLatencySeconds"] = report.ClusterTempo.ApiWriteLatency.TotalSeconds,
            },
            ["latencyProfile"] = report.ProfileName,
            ["timedOut"] = run.TimedOut,
            ["durationSeconds"] = Round(run.DurationSeconds),
            ["wallSeconds"] = Round(report.Runs.Sum(r => r.Run.WallSeconds)),
            ["definitions"] = new JsonObject(BurstReport.Definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// One of <c>baselines</c>: the figures FastScale's run gives at the top level, under the same names, so a reader
    /// compares a field with the same field.
    /// </summary>
    private static JsonObject Baseline(BurstRunResult run) => new()
    {
        ["policy"] = run.Policy,
        ["nodesRequested"] = run.NodesRequested,
        ["nodesReady"] = run.NodesReady,
        ["readySeconds"] = Ready(run.Ready),
        ["floorSeconds"] = Floor(run.Floor),
        ["firstCloudCallSeconds"] = Number(run.FirstCloudCallSeconds),
        ["allRequestedSeconds"] = Number(run.AllRequestedSeconds),
        ["cloudCalls"] = Calls(run.CloudCalls),
        ["launchCallsPerNode"] = LaunchCallsPerNode(run),
        ["throttled"] = run.Throttled,
        ["retries"] = run.Retries,
        ["instancesCreated"] = run.InstancesCreated,
        ["instancesFromWarmPool"] = run.InstancesFromWarmPool,
        ["duplicateInstances"] = run.DuplicateInstances,
        ["leakedInstances"] = run.LeakedInstances,
        ["replacedNodes"] = run.ReplacedNodes,
        ["instancesByOffering"] = Offerings(run.InstancesByOffering),
        ["cloudCallsPerSecond"] = PerSecond(run.CloudCallsPerSecond),
        ["timedOut"] = run.TimedOut,
        ["durationSeconds"] = Round(run.DurationSeconds),
    };

    /// <summary>RunInstances and StartInstances calls per node requested (ESS calls for the upstream baseline are not launches).</summary>
    internal static double LaunchCallsPerNode(BurstRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var launches = run.CloudCalls.GetValueOrDefault("RunInstances") + run.CloudCalls.GetValueOrDefault("StartInstances");
        return run.NodesRequested == 0 ? 0 : Math.Round((double)launches / run.NodesRequested, 4);
    }

    /// <summary>
    /// <c>readySeconds</c> as every report of a run gives it (plan.json too): p50, p90, p99 and max over the nodes
    /// requested, each null when not reached (max: unless every requested node got Ready), and how many were reached.
    /// The field names are the contract's; only the values may be null.
    /// </summary>
    internal static JsonObject Ready(PercentileSummary ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        return new JsonObject
        {
            ["p50"] = Number(ready.P50),
            ["p90"] = Number(ready.P90),
            ["p99"] = Number(ready.P99),
            ["max"] = Number(ready.Max),
            ["reached"] = ready.Reached,
        };
    }

    /// <summary><c>floorSeconds</c>: p50, p90, p99 of the floor, which the latency model reaches for every node.</summary>
    internal static JsonObject Floor(PercentileSummary floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        return new JsonObject
        {
            ["p50"] = Number(floor.P50),
            ["p90"] = Number(floor.P90),
            ["p99"] = Number(floor.P99),
        };
    }

    /// <summary>The ECS actions in the run's order (the contract's four first), then the ESS calls by name, so two reports diff cleanly.</summary>
    internal static JsonObject Calls(IReadOnlyDictionary<string, long> calls) =>
        new(calls.Where(c => !EssCallKeys.IsEss(c.Key))
            .Concat(calls.Where(c => EssCallKeys.IsEss(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
            .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value))));

    internal static JsonObject Offerings(IReadOnlyDictionary<string, long> byOffering) =>
        new(byOffering.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value)));

    /// <summary>Bucket k of each series holds the calls of the emulator's clock second that starts firstBucketSeconds + k after t = 0.</summary>
    private static JsonObject PerSecond(CloudCallsPerSecond perSecond) => new()
    {
        ["bucketSeconds"] = 1,
        ["firstBucketSeconds"] = Round(perSecond.FirstBucketSeconds),
        ["calls"] = Series(perSecond.Calls),
        ["throttled"] = Series(perSecond.Throttled),
    };

    private static JsonObject Series(IReadOnlyDictionary<string, IReadOnlyList<long>> byAction) =>
        new(byAction.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)new JsonArray([.. s.Value.Select(n => (JsonNode?)JsonValue.Create(n))]))));

    /// <summary>Seconds to the millisecond; null when there is no value (a percentile not reached, no call made).</summary>
    internal static JsonNode? Number(double? value) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(Round(v)) : null;

    private static double Round(double value) => Math.Round(value, 3);
}
