namespace FastScale.Ecs.Tests.Support;

/// <summary>What the client put on the wire, copied before the request is disposed.</summary>
internal sealed record CapturedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? ContentType)
{
    /// <summary>The query as a server sees it after decoding, in order of appearance.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query =>
        Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                return equals < 0
                    ? new KeyValuePair<string, string>(Uri.UnescapeDataString(pair), string.Empty)
                    : new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
            })
            .ToList();

    public string? Param(string name) => Query.Where(p => p.Key == name).Select(p => p.Value).SingleOrDefault();

    public string Action => Headers.TryGetValue("x-acs-action", out var action) ? action : Param("Action")!;
}
