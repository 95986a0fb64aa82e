namespace FastScale.Kubernetes.LeaderElection;

/// <summary>Timing and identity for Lease-based leader election. Defaults are client-go's (15 s / 10 s / 2 s).</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>The Lease's namespace. Required.</summary>
    public string LeaseNamespace { get; set; } = "";

    /// <summary>The Lease's name, the same for every replica. Required.</summary>
    public string LeaseName { get; set; } = "";

    /// <summary>Unique per replica (the pod name, say). Required.</summary>
    public string Identity { get; set; } = "";

    /// <summary>How long a lease holds after its last renewal; others take over after this. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up leading when it has not renewed for this long, before others may take over.
    /// Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Between attempts to acquire or renew. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Clear the holder on shutdown so a successor need not wait out the lease. Default true.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Retry waits are stretched by up to this fraction, so replicas do not retry in step. Also bounds the
    /// timing checks below.</summary>
    internal const double JitterFactor = 1.2;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(LeaseNamespace))
        {
            problems.Add("LeaseNamespace is required");
        }

        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            problems.Add("LeaseName is required");
        }

        if (string.IsNullOrWhiteSpace(Identity))
        {
            problems.Add("Identity is required");
        }

        if (RetryPeriod <= TimeSpan.Zero)
        {
            problems.Add($"RetryPeriod must be positive, got {RetryPeriod}");
        }

        // The leader must notice it failed to renew before anyone else may take the lease, with room for a retry.
        if (LeaseDuration <= RenewDeadline)
        {
            problems.Add($"LeaseDuration ({LeaseDuration}) must be greater than RenewDeadline ({RenewDeadline})");
        }

        if (RenewDeadline <= RetryPeriod * JitterFactor)
        {
            problems.Add($"RenewDeadline ({RenewDeadline}) must be greater than RetryPeriod x {JitterFactor} ({RetryPeriod * JitterFactor})");
        }

        if (LeaseDuration.TotalSeconds != Math.Floor(LeaseDuration.TotalSeconds) || LeaseDuration < TimeSpan.FromSeconds(1))
        {
            problems.Add($"LeaseDuration must be a whole number of seconds (the Lease stores seconds), got {LeaseDuration}");
        }

        return problems;
    }
}
