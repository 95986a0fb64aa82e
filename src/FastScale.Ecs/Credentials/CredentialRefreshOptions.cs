namespace FastScale.Ecs.Credentials;

/// <summary>When temporary credentials are renewed. Validate once at start-up with <see cref="Validate"/>.</summary>
public sealed class CredentialRefreshOptions
{
    /// <summary>
    /// Renew this long before <c>Expiration</c>, so requests in flight and clocks a little apart never meet an expired
    /// token. Capped at half the credentials' lifetime, so short-lived credentials are still used for a while.
    /// Default 3 minutes, the margin the official SDKs use.
    /// </summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>After a failed refresh, no new attempt before this (callers get the cached set or the failure). Default 5 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one refresh on the injected clock. Default 10 s.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RefreshAhead < TimeSpan.Zero)
        {
            problems.Add("credentials RefreshAhead must not be negative");
        }

        if (RetryInterval < TimeSpan.Zero)
        {
            problems.Add("credentials RetryInterval must not be negative");
        }

        if (FetchTimeout <= TimeSpan.Zero)
        {
            problems.Add("credentials FetchTimeout must be positive");
        }

        return problems;
    }
}
