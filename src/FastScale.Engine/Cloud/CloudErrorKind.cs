namespace FastScale.Engine.Cloud;

/// <summary>The closed set of expected cloud failures; the launcher decides what to do with each in one switch.</summary>
public enum CloudErrorKind
{
    /// <summary>Flow control: back off and respect the provider's window.</summary>
    Throttled,
    /// <summary>No stock, or the type is not offered in that zone: try the next type or zone.</summary>
    OutOfStock,
    /// <summary>Account quota: report, do not hammer.</summary>
    QuotaExceeded,
    /// <summary>Same ClientToken with different parameters: a bug on our side.</summary>
    IdempotencyMismatch,
    NotFound,
    InvalidRequest,
    /// <summary>Credentials or clock: no retry helps.</summary>
    Unauthorized,
    /// <summary>5xx, timeouts, connection failures: retry with the same ClientToken.</summary>
    Transient,
}
