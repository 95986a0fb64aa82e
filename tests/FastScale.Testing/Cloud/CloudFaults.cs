using FastScale.Engine.Cloud;

namespace FastScale.Testing.Cloud;

/// <summary>Errors shaped like the ones ECS answers, for injecting into <see cref="InMemoryCloud"/>.</summary>
public static class CloudFaults
{
    public static CloudError Throttled(TimeSpan? retryAfter = null) =>
        new(CloudErrorKind.Throttled, "Throttling.User", "Request was denied due to user flow control.", RetryAfter: retryAfter);

    public static CloudError OutOfStock(string what = "the requested offering") =>
        new(CloudErrorKind.OutOfStock, "OperationDenied.NoStock", $"{what} is out of stock");

    public static CloudError QuotaExceeded() =>
        new(CloudErrorKind.QuotaExceeded, "QuotaExceed.ElasticQuota", "The instance quota of the account is exhausted.");

    public static CloudError Transient() =>
        new(CloudErrorKind.Transient, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    /// <summary>ECS's answer to a batch naming an instance it does not know: the whole request is refused, nothing changes.</summary>
    public static CloudError UnknownInstance(string instanceId = "i-gone") =>
        new(CloudErrorKind.NotFound, "InvalidInstanceId.NotFound", $"The specified InstanceId {instanceId} does not exist.") { UnknownInstance = true };
}
