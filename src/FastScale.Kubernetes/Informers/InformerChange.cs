namespace FastScale.Kubernetes.Informers;

/// <summary>One change to the cache. <see cref="Previous"/> is the cached version before an update or delete.</summary>
public sealed record InformerChange<T>(InformerChangeType Type, T Object, T? Previous)
    where T : class;
