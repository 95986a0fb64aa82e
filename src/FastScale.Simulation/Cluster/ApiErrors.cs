using System.Text.Json.Nodes;

namespace FastScale.Simulation.Cluster;

/// <summary>The errors the simulator answers, worded as the real API server words them (clients log and match them).</summary>
internal static class ApiErrors
{
    public static ApiError NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.QualifiedName} \"{name}\" not found") { Details = Details(kind, name) };

    public static ApiError AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.QualifiedName} \"{name}\" already exists") { Details = Details(kind, name) };

    public static ApiError Conflict(ResourceKind kind, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {kind.QualifiedName} \"{name}\": {why}") { Details = Details(kind, name) };

    public static ApiError StaleResourceVersion(ResourceKind kind, string name) =>
        Conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiError Invalid(ResourceKind kind, string name, string field, string causeReason, string detail)
    {
        var details = Details(kind, name);
        details["kind"] = kind.Kind;
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = detail, ["field"] = field });
        return new ApiError(422, "Invalid", $"{kind.Kind} \"{name}\" is invalid: {field}: {detail}") { Details = details };
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Expired(string message) => new(410, "Expired", message);

    public static ApiError MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    public static ApiError UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");

    public static ApiError PathNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiError TooLargeResourceVersion(long requested, long current) =>
        new(504, "Timeout", $"Too large resource version: {requested}, current: {current}")
        {
            Details = new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
                ["retryAfterSeconds"] = 1,
            },
        };

    private static JsonObject Details(ResourceKind kind, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (kind.Group.Length > 0)
        {
            details["group"] = kind.Group;
        }

        details["kind"] = kind.Plural;
        return details;
    }
}
