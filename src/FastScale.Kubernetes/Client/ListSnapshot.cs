namespace FastScale.Kubernetes.Client;

/// <summary>Every item of a (possibly paged) list and the resourceVersion to start a watch from.</summary>
public sealed record ListSnapshot<T>(IReadOnlyList<T> Items, string ResourceVersion);
