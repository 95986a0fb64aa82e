namespace FastScale.Kubernetes.Client;

/// <summary>Client-side pacing and limits. Defaults suit one controller on a busy cluster; the API server's own
/// priority-and-fairness still applies on top.</summary>
public sealed class KubernetesClientOptions
{
    /// <summary>Sustained requests per second. 0 turns pacing off (simulated clusters, tests). Default 50.</summary>
    public double Qps { get; set; } = 50;

    /// <summary>Requests that may go at once after a quiet period. Default 100.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Time limit for one non-watch request, from sending to the last byte. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as User-Agent, so the API server's audit log names us. Default "fastscale".</summary>
    public string UserAgent { get; set; } = "fastscale";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (double.IsNaN(Qps) || Qps < 0)
        {
            problems.Add($"Qps must be 0 (unpaced) or positive, got {Qps}");
        }

        if (Qps > 0 && Burst < 1)
        {
            problems.Add($"Burst must be at least 1 when Qps is set, got {Burst}");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"RequestTimeout must be positive, got {RequestTimeout}");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            problems.Add("UserAgent must not be empty");
        }

        return problems;
    }
}
