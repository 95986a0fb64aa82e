namespace FastScale.Kubernetes.Tests.TestSupport;

internal sealed record RecordedRequest(string Method, string Path, string Query, string Body, string Authorization, string? ContentType, string UserAgent);
