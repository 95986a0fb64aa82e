namespace FastScale.Simulation.Cluster.Http;

/// <summary>
/// A resource URL taken apart: <c>/api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]</c> or the same under
/// <c>/apis/GROUP/VERSION</c>, including the legacy <c>/watch/</c> prefix.
/// </summary>
internal sealed record ApiRoute(ResourceKind Kind, string? Namespace, string? Name, string? Subresource, bool LegacyWatch)
{
    public static ApiRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        string[] rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], segments[2..]);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return null;
        }

        var watch = rest[0] == "watch";
        if (watch)
        {
            rest = rest[1..];
        }

        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3 || ResourceKind.Find(group, version, rest[0]) is not { } kind)
        {
            return null;
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        var valid = (kind.Namespaced || ns is null)
            && (!kind.Namespaced || ns is not null || name is null)
            && (subresource is null || (subresource == "status" && kind.HasStatus) || (subresource is "binding" or "eviction" && kind == ResourceKind.Pods))
            && (name is null || name.Length > 0);
        return valid ? new ApiRoute(kind, ns, name, subresource, watch) : null;
    }
}
