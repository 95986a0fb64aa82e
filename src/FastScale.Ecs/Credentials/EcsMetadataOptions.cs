namespace FastScale.Ecs.Credentials;

/// <summary>The ECS instance RAM role, read from the instance metadata service.</summary>
public sealed class EcsMetadataOptions
{
    public const string DefaultEndpoint = "http://100.100.100.200";

    /// <summary>
    /// The role attached to the instance (<c>ALIBABA_CLOUD_ECS_METADATA</c>). Default none: asked of the metadata
    /// service, which lists the attached role.
    /// </summary>
    public string? RoleName { get; init; }

    /// <summary>
    /// The metadata service. It is plain HTTP on a link-local address on every instance, so any http:// URL is accepted
    /// (tests point it at loopback). Default <see cref="DefaultEndpoint"/>.
    /// </summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>
    /// <c>ALIBABA_CLOUD_IMDSV1_DISABLED</c>: require the security-hardened mode (a session token first). Default false:
    /// try the hardened mode, and fall back to a plain read where the instance does not offer it.
    /// </summary>
    public bool DisableImdsV1 { get; init; }

    /// <summary>Lifetime asked for the hardened mode's session token, 1 s to 21,600 s. Default 300 s: one refresh needs it for a moment.</summary>
    public TimeSpan MetadataTokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme != "http")
        {
            problems.Add($"metadata endpoint: expected an http:// URL, got '{Endpoint}'");
        }

        if (RoleName is not null && (RoleName.Length == 0 || RoleName.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add("metadata: the RAM role name must be non-empty and contain no '/'");
        }

        if (MetadataTokenLifetime < TimeSpan.FromSeconds(1) || MetadataTokenLifetime > TimeSpan.FromSeconds(21600))
        {
            problems.Add("metadata: the session token lifetime must be between 1 s and 21,600 s");
        }

        return problems;
    }
}
