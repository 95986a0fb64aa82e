namespace FastScale.Simulation.Cluster;

/// <summary>The consistency and paging parameters of a list: resourceVersion, resourceVersionMatch, limit, continue.</summary>
internal sealed record ListQuery(string? ResourceVersion = null, string? ResourceVersionMatch = null, int Limit = 0, string? Continue = null)
{
    /// <summary>Whether the list must reflect exactly the requested version; null when the combination is invalid.
    /// As the real server: Exact when asked, and also for a paged list from a given version (its legacy meaning).</summary>
    public bool? IsExact(long requested)
    {
        var exact = ResourceVersionMatch switch
        {
            "Exact" => true,
            "NotOlderThan" => false,
            null or "" => requested > 0 && Limit > 0,
            _ => (bool?)null,
        };
        return exact is null || (ResourceVersionMatch is { Length: > 0 } && requested == 0 && exact == true) ? null : exact;
    }
}
