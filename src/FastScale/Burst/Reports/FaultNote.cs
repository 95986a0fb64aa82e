using System.Globalization;
using System.Text.Json.Nodes;

namespace FastScale.Burst.Reports;

/// <summary>How report.json and report.md give a run's <see cref="FaultFigures"/>.</summary>
internal static class FaultNote
{
    /// <summary>The start of the Markdown line, which the console repeats under its tables.</summary>
    public const string Label = "Faults";

    public static JsonObject? Json(FaultFigures? faults) => faults is null ? null : new JsonObject
    {
        ["blindSeconds"] = Math.Round(faults.BlindSeconds, 2),
        ["blindFromSeconds"] = faults.BlindFromSeconds is { } from ? Math.Round(from, 2) : null,
        ["seenAgainSeconds"] = faults.SeenAgainSeconds is { } again ? Math.Round(again, 2) : null,
        ["repairBlindPasses"] = faults.RepairBlindPasses,
        ["apiRequestsRefused"] = faults.ApiRequestsRefused,
        ["apiWatchesCut"] = faults.ApiWatchesCut,
        ["apiRequestsDelayed"] = faults.ApiRequestsDelayed,
        ["apiWatchersDropped"] = faults.ApiWatchersDropped,
        ["apiWrites"] = new JsonObject(faults.ApiWrites.OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))),
        ["ecsServerErrors"] = faults.EcsServerErrors,
        ["ecsTimeouts"] = faults.EcsTimeouts,
    };

    /// <summary>One line for report.md (and the console): what the faults did to FastScale's run.</summary>
    public static string? Line(BurstRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Faults is not { } f)
        {
            return null;
        }

        var blind = f.BlindSeconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"node view blind {f.BlindSeconds:0.0} s (from {f.BlindFromSeconds:0.0} s, current again at {f.SeenAgainSeconds:0.0} s), {f.RepairBlindPasses} repair passes paused")
            : "node view never blind";
        var writes = string.Join(", ", f.ApiWrites.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} {w.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {blind}; API refused {f.ApiRequestsRefused} requests, cut {f.ApiWatchesCut} watches, delayed {f.ApiRequestsDelayed}, dropped {f.ApiWatchersDropped} watchers; ECS brownout 503 ×{f.EcsServerErrors}, timeouts ×{f.EcsTimeouts}; FastScale retries {run.Retries}, replaced {run.ReplacedNodes}, duplicates {run.DuplicateInstances}; API writes: {(writes.Length == 0 ? "none" : writes)}.");
    }
}
