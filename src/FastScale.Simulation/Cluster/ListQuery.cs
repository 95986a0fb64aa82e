namespace FastScale.Simulation.Cluster;

/// <summary>The consistency and paging parameters of a list: resourceVersion, resourceVersionMatch, limit, continue.</summary>
internal sealed record ListQuery(string? ResourceVersion = null, string? ResourceVersionMatch = null, int Limit = 0, string? Continue = null);
