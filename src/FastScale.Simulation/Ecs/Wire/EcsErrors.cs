namespace FastScale.Simulation.Ecs.Wire;

/// <summary>
/// The errors the emulator answers, with the codes and HTTP statuses of ECS: each action's page of the ECS API reference
/// lists its codes (e.g. "RunInstances", https://www.alibabacloud.com/help/en/ecs/developer-reference/api-runinstances),
/// and "API throttling" (https://www.alibabacloud.com/help/doc-detail/437902.htm) gives the minute rule the throttling
/// messages state.
/// </summary>
internal static class EcsErrors
{
    public static EcsError Throttled(string action) =>
        new(400, "Throttling.User", $"Request was denied due to user flow control: {action} exceeded its per-second limit and stays blocked until the next minute.");

    public static EcsError CreationCapReached(int cap) =>
        new(400, "Throttling.User", $"Request was denied due to user flow control: at most {cap} instances may be created per minute.");

    public static EcsError ServiceUnavailable() =>
        new(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    public static EcsError NoStock(string instanceType, string zone) =>
        new(403, "OperationDenied.NoStock", $"The requested resource ({instanceType} in {zone}) is sold out in the specified zone; try other types of resources or other regions and zones.");

    /// <summary>
    /// A vSwitch out of private IPs. Code, status and wording as ECS answers them, quoted in ACK's container network FAQ
    /// (https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/faq-about-container-networks).
    /// </summary>
    public static EcsError IpNotEnough(string vSwitchId) =>
        new(403, "InvalidVSwitchId.IpNotEnough", $"The specified VSwitch \"{vSwitchId}\" has not enough IpAddress.");

    /// <summary>
    /// An injected capacity refusal of one offering, worded as the RunInstances error table words the code (a code it does
    /// not list gets a generic message naming the offering).
    /// </summary>
    public static EcsError OfferingRefused(string code, int status, string instanceType, string zoneId) => new(status, code, code switch
    {
        "OperationDenied.NoStock" => NoStock(instanceType, zoneId).Message,
        "Zone.NotOnSale" => "The specified zone is not available for purchase.",
        "Zone.NotOpen" => "The specified zone is not granted to you to buy resources yet.",
        "InvalidResourceType.NotSupported" => "This resource type is not supported; please try other resource types.",
        "InvalidInstanceType.NotSupported" => "The specified InstanceType is not Supported.",
        "InvalidInstanceType.ZoneNotSupported" => "The specified zone does not support this instancetype.",
        _ => $"The request for {instanceType} in {zoneId} was refused.",
    });

    public static EcsError UnknownInstanceType(string instanceType) =>
        new(400, "InvalidInstanceType.ValueNotSupported", $"The specified InstanceType does not exist or is not offered: {instanceType}.");

    public static EcsError QuotaExceeded(int quota) =>
        new(403, "QuotaExceed.ElasticQuota", $"The number of instances would exceed the account's quota of {quota} in this region.");

    public static EcsError IdempotentMismatch() =>
        new(400, "IdempotentParameterMismatch", "The specified parameters are different from before with the same ClientToken.");

    public static EcsError InstanceNotFound(string id) =>
        new(404, "InvalidInstanceId.NotFound", $"The specified InstanceId does not exist: {id}.");

    public static EcsError IncorrectStatus(string id, string status, string action) =>
        new(403, "IncorrectInstanceStatus", $"The current status of the resource does not support this operation: {id} is {status}, which {action} does not accept.");

    public static EcsError Missing(string parameter) =>
        new(400, "MissingParameter", $"The input parameter \"{parameter}\" that is mandatory for processing this request is not supplied.");

    public static EcsError Invalid(string parameter, string expected) =>
        new(400, "InvalidParameter", $"The specified parameter \"{parameter}\" is not valid: expected {expected}.");

    public static EcsError UnknownAction(string action) =>
        new(404, "InvalidAction.NotFound", $"Specified api is not found, please check your url and method: {action}.");

    public static EcsError BadVersion(string? version) =>
        new(400, "InvalidVersion", $"Specified parameter Version is not valid: \"{version}\"; this endpoint serves 2014-05-26.");

    public static EcsError UnknownRegion(string region) =>
        new(404, "InvalidRegionId.NotFound", $"The specified RegionId does not exist: {region}.");

    public static EcsError Unsigned(string detail) =>
        new(400, "IncompleteSignature", $"The request signature does not conform to Aliyun standards: {detail}.");

    public static EcsError UnknownAccessKey(string id) =>
        new(404, "InvalidAccessKeyId.NotFound", $"Specified access key is not found: {id}.");

    public static EcsError SignatureMismatch(string stringToSign) =>
        new(400, "SignatureDoesNotMatch", $"Specified signature is not matched with our calculation. server string to sign is:{stringToSign}");

    public static EcsError TimestampExpired(string value) =>
        new(400, "InvalidTimeStamp.Expired", $"Specified time stamp or date value is expired or off by more than 15 minutes: {value}.");

    public static EcsError TimestampFormat(string? value) =>
        new(400, "InvalidTimeStamp.Format", $"Specified time stamp or date value is not well formatted (yyyy-MM-ddTHH:mm:ssZ): {value}.");

    public static EcsError NonceUsed(string nonce) =>
        new(400, "SignatureNonceUsed", $"Specified signature nonce was used already: {nonce}.");

    public static EcsError Injected(string code, int status) => new(status, code, "Injected by the FastScale ECS emulator.");
}
