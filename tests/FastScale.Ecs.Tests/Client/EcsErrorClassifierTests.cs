using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Tests.Client;

public sealed class EcsErrorClassifierTests
{
    [Theory]
    [InlineData(400, "Throttling", CloudErrorKind.Throttled)]
    [InlineData(400, "Throttling.User", CloudErrorKind.Throttled)]
    [InlineData(400, "Throttling.Api", CloudErrorKind.Throttled)]
    [InlineData(503, "Throttling.Resource", CloudErrorKind.Throttled)]
    [InlineData(403, "OperationDenied.NoStock", CloudErrorKind.OutOfStock)]
    [InlineData(403, "InvalidResourceType.NotSupported", CloudErrorKind.OutOfStock)]
    [InlineData(400, "Zone.NoStock", CloudErrorKind.OutOfStock)]
    [InlineData(403, "Zone.NotOnSale", CloudErrorKind.OutOfStock)]
    [InlineData(400, "Zone.NotOnSale", CloudErrorKind.OutOfStock)]
    [InlineData(403, "Zone.NotOpen", CloudErrorKind.OutOfStock)]
    [InlineData(403, "OperationDenied.ZoneNotAllowed", CloudErrorKind.OutOfStock)]
    [InlineData(403, "InvalidVSwitchId.IpNotEnough", CloudErrorKind.OutOfStock)]
    [InlineData(400, "QuotaExceeded.PrivateIpAddress", CloudErrorKind.OutOfStock)]
    [InlineData(403, "InvalidInstanceType.NotSupported", CloudErrorKind.OutOfStock)]
    [InlineData(403, "InvalidInstanceType.ZoneNotSupported", CloudErrorKind.OutOfStock)]
    [InlineData(403, "InstanceType.Offline", CloudErrorKind.OutOfStock)]
    [InlineData(400, "QuotaExceed.ElasticQuota", CloudErrorKind.QuotaExceeded)]
    [InlineData(403, "QuotaExceed.PostPaidDisk", CloudErrorKind.QuotaExceeded)]
    [InlineData(400, "QuotaExceed.AfterpayInstance", CloudErrorKind.QuotaExceeded)]
    [InlineData(400, "QuotaExceeded", CloudErrorKind.QuotaExceeded)]
    [InlineData(403, "SecurityGroupInstanceLimitExceed", CloudErrorKind.QuotaExceeded)]
    [InlineData(400, "InvalidInstanceType.ValueNotSupported", CloudErrorKind.InvalidRequest)]
    [InlineData(400, "IdempotentParameterMismatch", CloudErrorKind.IdempotencyMismatch)]
    [InlineData(404, "InvalidInstanceId.NotFound", CloudErrorKind.NotFound)]
    [InlineData(400, "InvalidInstanceId.NotFound", CloudErrorKind.NotFound)]
    [InlineData(404, "InvalidImageId.NotFound", CloudErrorKind.NotFound)]
    [InlineData(400, "SignatureDoesNotMatch", CloudErrorKind.Unauthorized)]
    [InlineData(404, "InvalidAccessKeyId.NotFound", CloudErrorKind.Unauthorized)]
    [InlineData(403, "InvalidAccessKeyId.Inactive", CloudErrorKind.Unauthorized)]
    [InlineData(400, "InvalidTimeStamp.Expired", CloudErrorKind.Unauthorized)]
    [InlineData(400, "SignatureNonceUsed", CloudErrorKind.Unauthorized)]
    [InlineData(403, "Forbidden.RAM", CloudErrorKind.Unauthorized)]
    [InlineData(403, "Forbidden", CloudErrorKind.Unauthorized)]
    [InlineData(503, "ServiceUnavailable", CloudErrorKind.Transient)]
    [InlineData(500, "InternalError", CloudErrorKind.Transient)]
    [InlineData(502, "BadGateway", CloudErrorKind.Transient)]
    [InlineData(400, "ServiceUnavailable", CloudErrorKind.Transient)]
    [InlineData(400, "InvalidParameter", CloudErrorKind.InvalidRequest)]
    [InlineData(400, "MissingParameter", CloudErrorKind.InvalidRequest)]
    [InlineData(403, "IncorrectInstanceStatus", CloudErrorKind.InvalidRequest)]
    public void Classify_EcsCode_MapsToKind(int status, string code, CloudErrorKind expected)
    {
        Assert.Equal(expected, EcsErrorClassifier.Classify(status, code));
    }

    [Theory]
    [InlineData("OperationDenied.NoStock", CapacityScope.Offering)]
    [InlineData("Zone.NotOnSale", CapacityScope.Offering)]
    [InlineData("InvalidResourceType.NotSupported", CapacityScope.Offering)]
    [InlineData("InvalidInstanceType.NotSupported", CapacityScope.Offering)]
    [InlineData("Zone.NotOpen", CapacityScope.Zone)]
    [InlineData("OperationDenied.ZoneNotAllowed", CapacityScope.Zone)]
    [InlineData("InvalidVSwitchId.IpNotEnough", CapacityScope.VSwitch)]
    [InlineData("QuotaExceeded.PrivateIpAddress", CapacityScope.VSwitch)]
    public void ScopeOf_CapacityCode_SaysWhatElseItRulesOut(string code, CapacityScope expected)
    {
        Assert.Equal(expected, EcsErrorClassifier.ScopeOf(code));
    }

    [Theory]
    [InlineData("QuotaExceed.ElasticQuota")]
    [InlineData("Throttling.User")]
    [InlineData("InvalidParameter")]
    [InlineData(null)]
    public void ScopeOf_NotACapacityCode_IsNull(string? code)
    {
        Assert.Null(EcsErrorClassifier.ScopeOf(code));
    }
}
