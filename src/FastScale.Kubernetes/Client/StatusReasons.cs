namespace FastScale.Kubernetes.Client;

/// <summary>The metav1.StatusReason values FastScale acts on, plus our own for "no HTTP answer".</summary>
public static class StatusReasons
{
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Invalid = "Invalid";
    public const string Expired = "Expired";
    public const string Gone = "Gone";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string BadRequest = "BadRequest";
    public const string TooManyRequests = "TooManyRequests";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string Timeout = "Timeout";
    public const string InternalError = "InternalError";
    public const string Unknown = "Unknown";

    /// <summary>Not a Kubernetes reason: the request got no HTTP answer.</summary>
    public const string ConnectionFailed = "ConnectionFailed";

    /// <summary>Not a Kubernetes reason: the answer was not the JSON we expected.</summary>
    public const string MalformedResponse = "MalformedResponse";

    internal static string FromHttpCode(int code) => code switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        410 => Gone,
        422 => Invalid,
        429 => TooManyRequests,
        503 => ServiceUnavailable,
        504 => Timeout,
        >= 500 => InternalError,
        _ => Unknown,
    };
}
