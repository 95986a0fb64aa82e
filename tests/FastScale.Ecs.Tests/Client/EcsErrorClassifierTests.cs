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
    [InlineData(400, "QuotaExceed.ElasticQuota", CloudErrorKind.QuotaExceeded)]
    [InlineData(403, "QuotaExceed.PostPaidDisk", CloudErrorKind.QuotaExceeded)]
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
}
