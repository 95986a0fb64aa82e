using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster.Http;

/// <summary>
/// The discovery documents a client reads before it talks to resources (<c>/version</c>, <c>/api</c>, <c>/apis</c>,
/// and each group version's resource list): minimal, but valid and true to what the simulator serves.
/// </summary>
internal static class Discovery
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>The document for a discovery path, or null when the path is not one.</summary>
    public static JsonObject? For(string path, string serverAddress) => path.TrimEnd('/') switch
    {
        "/version" => new JsonObject
        {
            ["major"] = "1",
            ["minor"] = "33",
            ["gitVersion"] = "v1.33.0-fastscale-simulator",
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-01-01T00:00:00Z",
            ["goVersion"] = "none",
            ["compiler"] = "none",
            ["platform"] = "linux/amd64",
        },
        "/api" => new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        },
        "/apis" => new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(Groups().Select(g => (JsonNode)Group(g)).ToArray()),
        },
        "/api/v1" => ResourceList(""),
        var other when other.StartsWith("/apis/", StringComparison.Ordinal) => GroupPath(other["/apis/".Length..]),
        _ => null,
    };

    private static JsonObject? GroupPath(string rest)
    {
        var parts = rest.Split('/');
        if (!Groups().Contains(parts[0]))
        {
            return null;
        }

        return parts.Length switch
        {
            1 => Group(parts[0]),
            2 when parts[1] == "v1" => ResourceList(parts[0]),
            _ => null,
        };
    }

    private static IEnumerable<string> Groups() => ResourceKind.All.Select(k => k.Group).Where(g => g.Length > 0).Distinct();

    private static JsonObject Group(string group)
    {
        var version = new JsonObject { ["groupVersion"] = $"{group}/v1", ["version"] = "v1" };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(version),
            ["preferredVersion"] = version.DeepClone(),
        };
    }

    private static JsonObject ResourceList(string group)
    {
        var resources = new JsonArray();
        foreach (var kind in ResourceKind.All.Where(k => k.Group == group))
        {
            resources.Add(Resource(kind.Plural, kind, ObjectVerbs));
            if (kind.HasStatus)
            {
                resources.Add(Resource($"{kind.Plural}/status", kind, ["get", "patch", "update"]));
            }

            if (kind == ResourceKind.Pods)
            {
                resources.Add(Resource("pods/binding", kind, ["create"], "Binding"));
                resources.Add(Resource("pods/eviction", kind, ["create"], "Eviction", "policy", "v1"));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? "v1" : $"{group}/v1",
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(string name, ResourceKind kind, string[] verbs, string? kindName = null, string? group = null, string? version = null)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = name.Contains('/') ? "" : kind.Kind.ToLowerInvariant(),
            ["namespaced"] = kind.Namespaced,
            ["kind"] = kindName ?? kind.Kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (group is not null)
        {
            // As the real list: the eviction subresource of core pods takes a body of another group (policy/v1 Eviction).
            resource["group"] = group;
            resource["version"] = version;
        }

        return resource;
    }
}
