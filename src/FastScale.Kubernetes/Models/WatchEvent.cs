namespace FastScale.Kubernetes.Models;

/// <summary>One line of a watch stream. <see cref="Object"/> is set for every type but Error, which sets <see cref="Error"/>.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, Status? Error)
    where T : class;
