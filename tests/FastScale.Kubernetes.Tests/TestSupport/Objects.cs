namespace FastScale.Kubernetes.Tests.TestSupport;

/// <summary>JSON of API objects as a server writes them.</summary>
internal static class Objects
{
    public static string Node(string name, string resourceVersion, string? providerId = null)
    {
        var spec = providerId is null ? "{}" : "{\"providerID\":\"" + providerId + "\"}";
        return "{\"kind\":\"Node\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"uid-" + name
            + "\",\"resourceVersion\":\"" + resourceVersion + "\"},\"spec\":" + spec + "}";
    }

    public static string Bookmark(string resourceVersion) =>
        "{\"kind\":\"Node\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}";

    public static string NodeList(string resourceVersion, string? continueToken, params string[] items)
    {
        var next = continueToken is null ? "" : ",\"continue\":\"" + continueToken + "\"";
        return "{\"kind\":\"NodeList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"" + next
            + "},\"items\":[" + string.Join(",", items) + "]}";
    }

    public static string Status(int code, string reason, string message = "scripted") =>
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
}
