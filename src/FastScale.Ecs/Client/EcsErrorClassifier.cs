using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

/// <summary>Maps an ECS error code and HTTP status onto the engine's closed set of cloud failures.</summary>
public static class EcsErrorClassifier
{
    public static CloudErrorKind Classify(int httpStatus, string? code)
    {
        code ??= string.Empty;
        if (code.Contains("Throttling", StringComparison.Ordinal))
        {
            return CloudErrorKind.Throttled;
        }

        if (code is "OperationDenied.NoStock" or "InvalidResourceType.NotSupported" || code.Contains("NoStock", StringComparison.Ordinal))
        {
            return CloudErrorKind.OutOfStock;
        }

        if (code.StartsWith("QuotaExceed", StringComparison.Ordinal))
        {
            return CloudErrorKind.QuotaExceeded;
        }

        if (code == "IdempotentParameterMismatch")
        {
            return CloudErrorKind.IdempotencyMismatch;
        }

        // Before NotFound: InvalidAccessKeyId.NotFound is a credentials problem, not a missing resource.
        if (code is "SignatureDoesNotMatch" or "SignatureNonceUsed"
            || code.StartsWith("InvalidAccessKeyId", StringComparison.Ordinal)
            || code.StartsWith("InvalidTimeStamp", StringComparison.Ordinal)
            || code.StartsWith("Forbidden", StringComparison.Ordinal))
        {
            return CloudErrorKind.Unauthorized;
        }

        if (code.EndsWith(".NotFound", StringComparison.Ordinal))
        {
            return CloudErrorKind.NotFound;
        }

        if (httpStatus >= 500 || code is "ServiceUnavailable" or "InternalError")
        {
            return CloudErrorKind.Transient;
        }

        return httpStatus is >= 400 and < 500 ? CloudErrorKind.InvalidRequest : CloudErrorKind.Transient;
    }
}
