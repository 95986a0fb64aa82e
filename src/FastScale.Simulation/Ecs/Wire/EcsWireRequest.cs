namespace FastScale.Simulation.Ecs.Wire;

/// <summary>
/// One HTTP request as the emulator received it, independent of ASP.NET so the emulator can be driven in-process.
/// Header names are compared case-insensitively.
/// </summary>
public sealed record EcsWireRequest
{
    public required string Method { get; init; }

    public string Path { get; init; } = "/";

    /// <summary>The raw query string, with or without the leading <c>?</c>.</summary>
    public string? RawQuery { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; init; } = [];

    /// <summary>The peer's address, for logs only.</summary>
    public string? RemoteAddress { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public bool IsForm =>
        Header("content-type") is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
