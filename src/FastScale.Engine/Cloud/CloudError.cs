namespace FastScale.Engine.Cloud;

/// <summary>
/// A failed cloud call: its kind, the provider's code and message, and the request id for support tickets.
/// <see cref="RetryAfter"/> is the provider's own hint for throttled calls (ECS: <c>x-acs-retry-after</c>), when it gave one.
/// </summary>
public sealed record CloudError(CloudErrorKind Kind, string Code, string Message, string? RequestId = null, TimeSpan? RetryAfter = null)
{
    /// <summary>
    /// The cloud refused the request because an instance it names does not exist (ECS: <c>InvalidInstanceId.NotFound</c>),
    /// as opposed to another missing resource such as the region. ECS refuses the whole batch then and changes nothing.
    /// </summary>
    public bool UnknownInstance { get; init; }

    /// <summary>For <see cref="CloudErrorKind.OutOfStock"/>: what else the refusal rules out besides the offering asked for.</summary>
    public CapacityScope Scope { get; init; }

    public override string ToString() => RequestId is null ? $"{Code}: {Message}" : $"{Code}: {Message} (request {RequestId})";
}
