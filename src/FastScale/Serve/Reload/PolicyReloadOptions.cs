namespace FastScale.Serve.Reload;

/// <summary>How <c>serve</c> notices a changed policy file. Validated at start-up (<see cref="Validate"/>).</summary>
internal sealed class PolicyReloadOptions
{
    /// <summary>The policy file as given to <c>--policy</c>; problems name it so.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// How often the file's content is read and hashed. Default 2 s: a ConfigMap's kubelet sync takes up to a minute
    /// anyway, and a read of a few kilobytes costs nothing. <see cref="TimeSpan.Zero"/>: never poll, reload on SIGHUP only.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A changed content must stay the same this long before it is loaded, so an editor's save in several writes, or a
    /// burst of symlink swaps, is one reload of the final file. Default 1 s. SIGHUP does not wait.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("the policy file path must not be empty");
        }

        if (PollInterval < TimeSpan.Zero || (PollInterval > TimeSpan.Zero && PollInterval < TimeSpan.FromMilliseconds(100)))
        {
            problems.Add($"--policy-poll-interval must be 0 (SIGHUP only) or at least 100ms, got {PollInterval}");
        }

        if (Debounce < TimeSpan.Zero || Debounce > TimeSpan.FromMinutes(5))
        {
            problems.Add($"--policy-debounce must be between 0 and 5 minutes, got {Debounce}");
        }

        return problems;
    }
}
