using Microsoft.Extensions.Logging;

namespace FastScale.Serve.Reload;

internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "Policy reloaded from {Path} (generation {Generation}, trigger {Trigger}): changed {Changes}")]
    public static partial void PolicyApplied(ILogger logger, string path, long generation, string trigger, string changes);

    [LoggerMessage(302, LogLevel.Error, "Policy reload from {Path} REFUSED (trigger {Trigger}); generation {Generation} stays in force:{NewLine}{Problems}")]
    public static partial void PolicyRefused(ILogger logger, string path, string trigger, long generation, string newLine, string problems);

    [LoggerMessage(303, LogLevel.Information, "Policy file {Path} read (trigger {Trigger}): same as the policy in force, nothing to do")]
    public static partial void PolicyUnchanged(ILogger logger, string path, string trigger);

    [LoggerMessage(304, LogLevel.Information, "Watching policy file {Path} for changes (poll every {PollSeconds} s, debounce {DebounceSeconds} s) and reloading on SIGHUP")]
    public static partial void Watching(ILogger logger, string path, double pollSeconds, double debounceSeconds);
}
