using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FastScale.Burst.Rollout;

namespace FastScale.Burst.Reports;

/// <summary>
/// How report.json, report.md (and so the console summary) and rollout-timeline.csv give a run's
/// <see cref="RolloutFigures"/>: the figures, a README-ready paragraph, and the timeline as rows anyone can plot.
/// </summary>
internal static class RolloutNote
{
    /// <summary>The start of the Markdown paragraph, which the console repeats under its tables.</summary>
    public const string Label = "Rollout";

    public const string CsvFileName = "rollout-timeline.csv";

    public static JsonObject? Json(RolloutFigures? rollout) => rollout is null ? null : new JsonObject
    {
        ["oldImageId"] = rollout.OldImageId,
        ["newImageId"] = rollout.NewImageId,
        ["groupNodes"] = rollout.GroupNodes,
        ["pods"] = rollout.Pods,
        ["replicaSets"] = rollout.ReplicaSets,
        ["changedAtSeconds"] = Round(rollout.ChangedAtSeconds),
        ["durationSeconds"] = rollout.DurationSeconds is { } d ? Round(d) : null,
        ["watchedSeconds"] = Round(rollout.WatchedSeconds),
        ["nodesReplaced"] = rollout.NodesReplaced,
        ["replacementsLaunched"] = rollout.ReplacementsLaunched,
        ["oldNodesCordoned"] = rollout.OldNodesCordoned,
        ["maxNodesUnavailable"] = rollout.MaxNodesUnavailable,
        ["maxPodsPending"] = rollout.MaxPodsPending,
        ["podsPendingSeconds"] = Round(rollout.PodsPendingSeconds),
        ["longestPodPendingSeconds"] = Round(rollout.LongestPodPendingSeconds),
        ["evictionsAllowed"] = rollout.EvictionsAllowed,
        ["evictionsRefused"] = rollout.EvictionsRefused,
        ["pdbViolations"] = rollout.PdbViolations,
        ["deleteBudgetViolations"] = rollout.DeleteBudgetViolations,
        ["podsLost"] = rollout.PodsLost,
        ["policyReloadsApplied"] = rollout.PolicyReloadsApplied,
        ["haltEvents"] = rollout.HaltEvents,
        ["haltReason"] = rollout.HaltReason,
        ["scaleOut"] = ScaleOut(rollout.ScaleOut),
        ["scaleOutWithoutRollout"] = ScaleOut(rollout.ScaleOutWithoutRollout),
        ["scaleOutP90Ratio"] = rollout.ScaleOutP90Ratio is { } r ? Math.Round(r, 3) : null,
        ["scaleOutAddedShare"] = rollout.ScaleOutAddedShare is { } added ? Math.Round(added, 3) : null,
        ["replacementP90Seconds"] = Nullable(rollout.ReplacementP90),
        ["drainP50Seconds"] = Nullable(rollout.DrainP50),
        ["drainP90Seconds"] = Nullable(rollout.DrainP90),
        ["expectedSeconds"] = Nullable(rollout.ExpectedSeconds),
        ["durationRatio"] = rollout.DurationRatio is { } ratio ? Math.Round(ratio, 3) : null,
        ["autoscaler"] = rollout.Autoscaler is { } a ? new JsonObject
        {
            ["samples"] = a.Samples,
            ["minTargetSize"] = a.MinTargetSize,
            ["maxTargetSize"] = a.MaxTargetSize,
            ["targetMismatches"] = a.Mismatches,
            ["lastingTargetSurpluses"] = a.LastingSurpluses,
            ["longestTargetDeficitSeconds"] = Round(a.LongestDeficitSeconds),
            ["maxDeleting"] = a.MaxDeleting,
            ["unsettledReads"] = a.Unsettled,
            ["mismatchedReads"] = new JsonArray([.. a.MismatchedReads.Select(r => (JsonNode)new JsonObject
            {
                ["seconds"] = Round(r.Seconds),
                ["targetSize"] = r.View.TargetSize,
                ["running"] = r.View.Running,
                ["creating"] = r.View.Creating,
                ["deleting"] = r.View.Deleting,
            })]),
        } : null,
        ["timeline"] = new JsonArray([.. rollout.Timeline.Select(s => (JsonNode)new JsonObject
        {
            ["seconds"] = Round(s.Seconds),
            ["old"] = s.Old,
            ["draining"] = s.Draining,
            ["new"] = s.New,
            ["unavailable"] = s.Unavailable,
            ["podsPending"] = s.PodsPending,
            ["podsNotReady"] = s.PodsNotReady,
        })]),
    };

    /// <summary>The Markdown paragraph (one line), null without a rollout.</summary>
    public static string? Line(BurstRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Rollout is not { } r)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Label}: {r.GroupNodes} Ready nodes running {r.Pods} pods ({r.ReplicaSets} ReplicaSets, each under a PDB of maxUnavailable {RolloutSpec.BudgetMaxUnavailable}); ");
        text.Append(CultureInfo.InvariantCulture, $"image {r.OldImageId} → {r.NewImageId} at {r.ChangedAtSeconds:0.0} s ({(r.PolicyReloadsApplied > 0 ? "reloaded" : "NOT reloaded")} by the provider); ");
        text.Append(r.DurationSeconds is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"rolled out in {d:0.0} s; ")
            : string.Create(CultureInfo.InvariantCulture, $"not finished after {r.WatchedSeconds:0.0} s; "));
        if (r.ExpectedSeconds is { } expected)
        {
            text.Append(CultureInfo.InvariantCulture, $"against {expected:0} s expected from {Math.Ceiling((double)r.GroupNodes / RolloutSpec.SurgeBatch(r.GroupNodes)):0} batches × (replacement P90 {Seconds(r.ReplacementP90)} s + drain P90 {Seconds(r.DrainP90)} s; median drain {Seconds(r.DrainP50)} s)");
            text.Append(r.DurationRatio is { } ratio ? string.Create(CultureInfo.InvariantCulture, $", {ratio:0.00}×; ") : "; ");
        }

        text.Append(CultureInfo.InvariantCulture, $"{r.NodesReplaced} of {r.GroupNodes} nodes replaced, {r.ReplacementsLaunched} new-template instances launched, {r.OldNodesCordoned} old nodes cordoned; ");
        text.Append(CultureInfo.InvariantCulture, $"at most {r.MaxNodesUnavailable} nodes unavailable and {r.MaxPodsPending} pods pending at once (pods pending {r.PodsPendingSeconds:0.0} s in all, the longest wait {r.LongestPodPendingSeconds:0.0} s); ");
        text.Append(CultureInfo.InvariantCulture, $"evictions {r.EvictionsAllowed} granted, {r.EvictionsRefused} refused by PDBs (429) and retried; ");
        text.Append(CultureInfo.InvariantCulture, $"PDB violations {r.PdbViolations + r.DeleteBudgetViolations}; pods lost {r.PodsLost}; RolloutHalted events {r.HaltEvents}.");
        if (r.HaltReason is { } halt)
        {
            text.Append(CultureInfo.InvariantCulture, $" HALTED on a working image: {halt}.");
        }

        if (r.Autoscaler is { } a)
        {
            text.Append(CultureInfo.InvariantCulture, $" The autoscaler's view over gRPC ({a.Samples} reads): target size {a.MinTargetSize}–{a.MaxTargetSize}, {a.Mismatches} reads with a target other than the instances not being deleted (surplus twice running: {a.LastingSurpluses}; launches reserved and not yet listed for at most {a.LongestDeficitSeconds:0.#} s running), {a.Unsettled} reads the group moved under.");
        }

        if (r.ScaleOut is { } s)
        {
            text.Append(CultureInfo.InvariantCulture, $" Scale-out of {s.Pods} nodes at +{s.AtSeconds:0} s: P90 {Seconds(s.Ready.P90)} s");
            text.Append(r.ScaleOutWithoutRollout is { } w
                ? string.Create(CultureInfo.InvariantCulture, $", without a rollout {Seconds(w.Ready.P90)} s ({(r.ScaleOutP90Ratio is { } ratio ? $"{(ratio - 1) * 100:+0.0;-0.0} %" : "—")})")
                : "");
            text.Append(CultureInfo.InvariantCulture, $"; time added over the new nodes' own phases, P90 {Seconds(s.AddedP90)} s");
            text.Append(r.ScaleOutWithoutRollout is { } plain
                ? string.Create(CultureInfo.InvariantCulture, $", without a rollout {Seconds(plain.AddedP90)} s ({(r.ScaleOutAddedShare is { } share ? $"{share * 100:+0.0;-0.0} % of its P90" : "—")}).")
                : ".");
        }

        return text.ToString();
    }

    /// <summary>The timeline as CSV: one row per sample, seconds from the image change.</summary>
    public static string Csv(RolloutFigures rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var csv = new StringBuilder("seconds,old,draining,new,unavailable,podsPending,podsNotReady\n");
        foreach (var s in rollout.Timeline)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{s.Seconds:0.###},{s.Old},{s.Draining},{s.New},{s.Unavailable},{s.PodsPending},{s.PodsNotReady}\n");
        }

        return csv.ToString();
    }

    private static JsonObject? ScaleOut(ScaleOutFigures? s) => s is null ? null : new JsonObject
    {
        ["pods"] = s.Pods,
        ["atSeconds"] = Round(s.AtSeconds),
        ["readySeconds"] = new JsonObject
        {
            ["p50"] = Nullable(s.Ready.P50), ["p90"] = Nullable(s.Ready.P90), ["p99"] = Nullable(s.Ready.P99), ["max"] = Nullable(s.Ready.Max),
            ["reached"] = s.Ready.Reached,
        },
        ["newNodes"] = s.AddedSeconds?.Count,
        ["addedP90Seconds"] = Nullable(s.AddedP90),
    };

    private static double Round(double value) => Math.Round(value, 2);

    private static JsonNode? Nullable(double? value) => value is { } v ? Round(v) : null;

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";
}
