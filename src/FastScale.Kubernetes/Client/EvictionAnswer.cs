namespace FastScale.Kubernetes.Client;

/// <summary>What the eviction subresource said. <paramref name="RetryAfter"/> is the server's hint with a refusal
/// (the Retry-After header, else the Status' details.retryAfterSeconds); null when it gave none.</summary>
public readonly record struct EvictionAnswer(EvictionOutcome Outcome, TimeSpan? RetryAfter = null);
