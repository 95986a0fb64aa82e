using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Client;

/// <summary>
/// Maps an ECS error code and HTTP status onto the engine's closed set of cloud failures.
/// </summary>
/// <remarks>
/// The capacity and quota codes come from the error table of RunInstances in the ECS API reference
/// (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-runinstances; every code of the product is in the
/// API Error Center, https://error-center.alibabacloud.com/status/product/Ecs). <c>InvalidVSwitchId.IpNotEnough</c>
/// (403, "The specified VSwitch ... has not enough IpAddress.") is quoted in ACK's container network FAQ,
/// https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/faq-about-container-networks.
/// <para>A capacity refusal is about a place, so another offering may succeed: it is OutOfStock with the
/// <see cref="CapacityScope"/> the launcher caches it at. A quota is about the account, so no other offering helps: it is
/// QuotaExceeded and the launcher stops. <c>QuotaExceeded.PrivateIpAddress</c> ("Don't have enough private IPs in this
/// switch") is named like a quota but is the vSwitch's, so it is capacity.</para>
/// </remarks>
public static class EcsErrorClassifier
{
    /// <summary>The instance type is not sold in that zone right now, or not at all there: another type or zone may be.</summary>
    private static readonly HashSet<string> OfferingRefusals = new(StringComparer.Ordinal)
    {
        "OperationDenied.NoStock",
        "Zone.NotOnSale",
        "InvalidResourceType.NotSupported",
        "InvalidInstanceType.NotSupported",
        "InvalidInstanceType.ZoneNotSupported",
        "InstanceType.Offline",
    };

    /// <summary>The zone is closed to this account for every type: only another zone helps.</summary>
    private static readonly HashSet<string> ZoneRefusals = new(StringComparer.Ordinal)
    {
        "Zone.NotOpen",
        "OperationDenied.ZoneNotAllowed",
    };

    /// <summary>The vSwitch has no free private IP: every type launched into it fails until instances there are released.</summary>
    private static readonly HashSet<string> VSwitchRefusals = new(StringComparer.Ordinal)
    {
        "InvalidVSwitchId.IpNotEnough",
        "QuotaExceeded.PrivateIpAddress",
    };

    /// <summary>
    /// Account-wide limits besides <c>QuotaExceed.*</c> (e.g. ElasticQuota, AfterpayInstance): instances per VPC, and
    /// per security group, which every offering of a group shares.
    /// </summary>
    private static readonly HashSet<string> AccountLimits = new(StringComparer.Ordinal)
    {
        "QuotaExceeded",
        "SecurityGroupInstanceLimitExceed",
    };

    public static CloudErrorKind Classify(int httpStatus, string? code)
    {
        code ??= string.Empty;
        if (code.Contains("Throttling", StringComparison.Ordinal))
        {
            return CloudErrorKind.Throttled;
        }

        if (ScopeOf(code) is not null)
        {
            return CloudErrorKind.OutOfStock;
        }

        if (code.StartsWith("QuotaExceed", StringComparison.Ordinal) || AccountLimits.Contains(code))
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
            || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal)
            || code == "MissingSecurityToken"
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

    /// <summary>For a capacity refusal, which offerings it rules out; null for any other code.</summary>
    public static CapacityScope? ScopeOf(string? code)
    {
        code ??= string.Empty;
        if (VSwitchRefusals.Contains(code))
        {
            return CapacityScope.VSwitch;
        }

        if (ZoneRefusals.Contains(code))
        {
            return CapacityScope.Zone;
        }

        // Any *.NoStock (e.g. Zone.NoStock) is a stock-out of the type asked for, whatever its prefix.
        return OfferingRefusals.Contains(code) || code.Contains("NoStock", StringComparison.Ordinal) ? CapacityScope.Offering : null;
    }
}
