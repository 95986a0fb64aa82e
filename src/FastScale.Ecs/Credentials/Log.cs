using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Credentials;

internal static partial class Log
{
    [LoggerMessage(3051, LogLevel.Information,
        "Credentials refreshed from {Source}: valid until {Expiration:O} ({LifetimeSeconds:F0} s), next refresh at {RefreshAt:O}")]
    public static partial void Refreshed(ILogger logger, string source, DateTimeOffset expiration, double lifetimeSeconds, DateTimeOffset refreshAt);

    [LoggerMessage(3052, LogLevel.Warning,
        "Credentials refresh from {Source} failed: {Reason}; cached credentials {Cached}; next attempt not before {RetryAt:O}")]
    public static partial void RefreshFailed(ILogger logger, string source, string reason, string cached, DateTimeOffset retryAt);
}
