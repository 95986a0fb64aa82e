using System.Diagnostics.Metrics;
using FastScale.Engine.Cloud;

namespace FastScale.Engine.Launch;

/// <summary>
/// The cloud API's figures on the <c>FastScale.CloudApi</c> meter, labelled by ECS action:
/// <list type="bullet">
/// <item><c>fastscale_cloud_api_calls_total{action,outcome}</c>: every answer, <c>outcome</c> = <c>success</c> or the
/// error kind in snake case (<c>throttled</c>, <c>out_of_stock</c>, <c>transient</c>, ...).</item>
/// <item><c>fastscale_cloud_api_throttled_total{action}</c>: throttled answers that lowered the action's rate (answers to calls
/// already in flight during a pause add to <c>calls_total{outcome="throttled"}</c> only).</item>
/// <item><c>fastscale_cloud_api_retries_total{action}</c>: calls made again after a transient failure, same
/// ClientToken (a throttled call goes again too, but that shows in the two counters above).</item>
/// <item><c>fastscale_cloud_api_in_flight{action}</c>: calls sent and not yet answered.</item>
/// </list>
/// </summary>
public sealed class CloudApiMetrics : IDisposable
{
    public const string MeterName = "FastScale.CloudApi";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _retries;
    private readonly UpDownCounter<long> _inFlight;

    /// <param name="meterFactory">The app's factory, so the exporter of this app (and only it) sees the figures; null
    /// (tests, simulations) makes a meter of its own.</param>
    public CloudApiMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("fastscale_cloud_api_calls_total",
            description: "Cloud API calls answered, by action and outcome (success or the error kind).");
        _throttled = _meter.CreateCounter<long>("fastscale_cloud_api_throttled_total",
            description: "Throttled answers that lowered a cloud action's rate.");
        _retries = _meter.CreateCounter<long>("fastscale_cloud_api_retries_total",
            description: "Cloud API calls repeated after a transient failure, with the same ClientToken.");
        _inFlight = _meter.CreateUpDownCounter<long>("fastscale_cloud_api_in_flight",
            description: "Cloud API calls sent and not yet answered, by action.");
    }

    public void CallStarted(CloudAction action) => _inFlight.Add(1, Action(action));

    public void CallEnded(CloudAction action, CloudError? error)
    {
        var tag = Action(action);
        _inFlight.Add(-1, tag);
        _calls.Add(1, tag, new KeyValuePair<string, object?>("outcome", Outcome(error)));
    }

    /// <summary>A call that ended without an answer (cancelled): out of flight, not counted as a call.</summary>
    public void CallAborted(CloudAction action) => _inFlight.Add(-1, Action(action));

    public void Throttled(CloudAction action) => _throttled.Add(1, Action(action));

    public void Retried(CloudAction action) => _retries.Add(1, Action(action));

    /// <summary>The <c>outcome</c> label of an answer; constant strings, so recording allocates nothing.</summary>
    public static string Outcome(CloudError? error) => error?.Kind switch
    {
        null => "success",
        CloudErrorKind.Throttled => "throttled",
        CloudErrorKind.OutOfStock => "out_of_stock",
        CloudErrorKind.QuotaExceeded => "quota_exceeded",
        CloudErrorKind.IdempotencyMismatch => "idempotency_mismatch",
        CloudErrorKind.NotFound => "not_found",
        CloudErrorKind.InvalidRequest => "invalid_request",
        CloudErrorKind.Unauthorized => "unauthorized",
        CloudErrorKind.Transient => "transient",
        _ => "other",
    };

    public void Dispose() => _meter.Dispose();

    // The label is the ECS action name (action="RunInstances"): dashboards and alerts select on it.
    private static KeyValuePair<string, object?> Action(CloudAction action) => new("action", action.Name());
}
