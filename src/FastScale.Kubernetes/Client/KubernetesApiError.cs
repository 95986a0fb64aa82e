using FastScale.Kubernetes.Models;

namespace FastScale.Kubernetes.Client;

/// <summary>A failed API call: the HTTP code and the Status reason and message the server sent (or what we could infer
/// when the body was not a Status). Code 0 means no HTTP answer at all (connection refused, reset, timeout).</summary>
public sealed record KubernetesApiError(int Code, string Reason, string Message, Status? Status = null)
{
    public bool IsNotFound => Code == 404 || Reason == StatusReasons.NotFound;
    public bool IsAlreadyExists => Reason == StatusReasons.AlreadyExists;

    /// <summary>Optimistic concurrency lost (409 with reason Conflict), as opposed to AlreadyExists which is also 409.</summary>
    public bool IsConflict => Reason == StatusReasons.Conflict || (Code == 409 && Reason != StatusReasons.AlreadyExists);

    /// <summary>The resourceVersion or continue token is too old: relist.</summary>
    public bool IsGone => Code == 410 || Reason is StatusReasons.Expired or StatusReasons.Gone;

    public bool IsInvalid => Code == 422 || Reason == StatusReasons.Invalid;

    /// <summary>429: throttled by the server's priority and fairness, or (from the eviction subresource) refused by a
    /// disruption budget.</summary>
    public bool IsTooManyRequests => Code == 429 || Reason == StatusReasons.TooManyRequests;

    /// <summary>How long the server asked the client to wait (the Retry-After header, else the Status'
    /// details.retryAfterSeconds); null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Worth retrying unchanged: throttled, server busy or unreachable.</summary>
    public bool IsTransient => Code is 0 or 429 or 500 or 502 or 503 or 504;

    public override string ToString() => $"{Code} {Reason}: {Message}";

    internal static KubernetesApiError FromStatus(int httpCode, Status? status, string fallbackBody, TimeSpan? retryAfterHeader = null)
    {
        var code = status?.Code is int c and > 0 ? c : httpCode;
        var reason = !string.IsNullOrEmpty(status?.Reason) ? status.Reason : StatusReasons.FromHttpCode(code);
        var message = !string.IsNullOrEmpty(status?.Message) ? status.Message : Truncate(fallbackBody);
        var retryAfter = retryAfterHeader ?? (status?.Details?.RetryAfterSeconds is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null);
        return new KubernetesApiError(code, reason, message, status) { RetryAfter = retryAfter };
    }

    internal static KubernetesApiError Transport(string message) => new(0, StatusReasons.ConnectionFailed, message);

    private static string Truncate(string body) => body.Length <= 512 ? body : body[..512] + "…";
}
