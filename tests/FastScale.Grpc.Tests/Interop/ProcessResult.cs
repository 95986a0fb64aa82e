namespace FastScale.Grpc.Tests.Interop;

/// <summary>How an external peer process ended, with everything it printed, for assertions and failure messages.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    /// <summary>The lines the peer printed for passed checks, without the "ok " prefix.</summary>
    public IReadOnlySet<string> PassedChecks => StandardOutput
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.StartsWith("ok ", StringComparison.Ordinal))
        .Select(line => line[3..])
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
