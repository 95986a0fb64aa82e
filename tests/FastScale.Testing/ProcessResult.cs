namespace FastScale.Testing;

/// <summary>How an external peer process ended, with everything it printed, for assertions and failure messages.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    /// <summary>The names of the checks the peer reported as passed: lines "ok NAME" or "ok NAME (detail)".</summary>
    public IReadOnlySet<string> PassedChecks => StandardOutput
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.StartsWith("ok ", StringComparison.Ordinal))
        .Select(line => line[3..].Split(' ', 2)[0])
        .ToHashSet(StringComparer.Ordinal);

    public string Describe() =>
        $"""
        {CommandLine}
        {(TimedOut ? "timed out and was killed" : $"exit code {ExitCode}")}
        --- stdout ---
        {StandardOutput}
        --- stderr ---
        {StandardError}
        """;
}
