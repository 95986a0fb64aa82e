namespace FastScale.Engine.Cloud;

/// <summary>A failed cloud call: its kind, the provider's code and message, and the request id for support tickets.</summary>
public sealed record CloudError(CloudErrorKind Kind, string Code, string Message, string? RequestId = null)
{
    public override string ToString() => RequestId is null ? $"{Code}: {Message}" : $"{Code}: {Message} (request {RequestId})";
}
