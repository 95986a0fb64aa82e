namespace FastScale.Simulation.Cluster.Http;

/// <summary>One request as the simulator saw it: the authenticated user (null: none), how, and what it asked to act as.</summary>
public sealed record SeenRequest(
    string? User,
    string Method,
    string? ImpersonateUser,
    string? ImpersonateUid,
    IReadOnlyList<string> ImpersonateGroups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ImpersonateExtra,
    string? Host,
    string Path);
