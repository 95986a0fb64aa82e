namespace FastScale.Kubernetes.Config;

/// <summary>The identity every request asks the API server to act as, sent as Impersonate-* headers.</summary>
public sealed record Impersonation(string User)
{
    public string? Uid { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
