using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// A BOOKMARK event's object: an empty object of the watched kind carrying only the resourceVersion the watcher has
/// now seen everything up to (and, closing a streaming list's initial events, the initial-events-end annotation).
/// </summary>
internal static class WatchBookmark
{
    public static byte[] Json(ResourceKind kind, long resourceVersion, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = ObjectRules.Version(resourceVersion) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return StoredObject.Serialize(new JsonObject { ["kind"] = kind.Kind, ["apiVersion"] = kind.ApiVersion, ["metadata"] = metadata });
    }
}
