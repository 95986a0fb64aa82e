namespace FastScale.Engine.Cloud;

/// <summary>The closed set of expected cloud failures; the launcher decides what to do with each in one switch.</summary>
public enum CloudErrorKind
{
    /// <summary>Flow control: back off and respect the provider's window.</summary>
    Throttled,
    /// <summary>
    /// A capacity refusal of one place: no stock, the type or zone not on sale, no free IP in the vSwitch. Try the next
    /// type or zone; <see cref="CloudError.Scope"/> says which other offerings the same refusal rules out.
    /// </summary>
    OutOfStock,
    /// <summary>
    /// An account-wide limit (instance or vCPU quota, instances per VPC or security group): every offering draws on the
    /// same one, so the launcher does not move on; the autoscaler hears OutOfResources and backs off the group.
    /// </summary>
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
