namespace FastScale.Engine.Cloud;

/// <summary>
/// A failed cloud call: its kind, the provider's code and message, and the request id for support tickets.
/// <see cref="RetryAfter"/> is the provider's own hint for throttled calls (ECS: <c>x-acs-retry-after</c>), when it gave one.
/// </summary>
public sealed record CloudError(CloudErrorKind Kind, string Code, string Message, string? RequestId = null, TimeSpan? RetryAfter = null)
{
    public override string ToString() => RequestId is null ? $"{Code}: {Message}" : $"{Code}: {Message} (request {RequestId})";
}
