using System.Diagnostics.Metrics;
using FastScale.Engine.Observability;
using FastScale.Engine.Reload;

namespace FastScale.Serve.Reload;

/// <summary>
/// Policy reloads, on the <c>FastScale.PolicyReload</c> meter: <c>fastscale_policy_reloads_total{outcome}</c> with
/// <c>outcome</c> applied or refused (a file equal to the policy in force is neither); <c>fastscale_policy_generation</c>,
/// 1 at start-up and +1 per applied reload; <c>fastscale_policy_last_reload_success</c>, 0 while the latest attempt was
/// refused (alert on it: the file on disk is not the policy in force), else 1.
/// </summary>
internal sealed class PolicyReloadMetrics : IDisposable
{
    public const string MeterName = "FastScale.PolicyReload";
    private const string Reloads = "fastscale_policy_reloads_total";

    private readonly Meter _meter;
    private readonly Counter<long> _reloads;
    private volatile bool _lastSucceeded = true;

    public PolicyReloadMetrics(PolicyReloader reloader, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(reloader);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _reloads = _meter.CreateCounter<long>(Reloads, description: "Policy reload attempts that changed something, by outcome (applied or refused).");
        _meter.CreateObservableGauge("fastscale_policy_generation", () => reloader.Generation,
            description: "The generation of the policy in force: 1 at start-up, +1 per applied reload.");
        _meter.CreateObservableGauge("fastscale_policy_last_reload_success", () => _lastSucceeded ? 1 : 0,
            description: "0 while the latest policy reload was refused (the file is not the policy in force), else 1.");
    }

    /// <summary>Both outcomes at zero from start-up, so a rate or an alert on refusals has a series to read.</summary>
    public static IEnumerable<MetricSeriesDeclaration> Series { get; } =
    [
        new(Reloads, [new KeyValuePair<string, object?>("outcome", "applied")]),
        new(Reloads, [new KeyValuePair<string, object?>("outcome", "refused")]),
    ];

    public void Record(PolicyReloadOutcome outcome)
    {
        if (outcome == PolicyReloadOutcome.Unchanged)
        {
            return;
        }

        _lastSucceeded = outcome == PolicyReloadOutcome.Applied;
        _reloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome == PolicyReloadOutcome.Applied ? "applied" : "refused"));
    }

    public void Dispose() => _meter.Dispose();
}
