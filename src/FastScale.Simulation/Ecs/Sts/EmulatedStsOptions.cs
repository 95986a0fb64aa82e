namespace FastScale.Simulation.Ecs.Sts;

/// <summary>
/// The emulator's STS (<c>AssumeRoleWithOIDC</c>) and instance-metadata RAM role. Both issue temporary keys that ECS calls
/// are checked against, expiry included. Off unless configured: <see cref="AcceptedOidcToken"/> turns STS on,
/// <see cref="MetadataRoleName"/> the metadata role.
/// </summary>
public sealed class EmulatedStsOptions
{
    /// <summary>The one OIDC token AssumeRoleWithOIDC accepts (what the test wrote in the token file). Default none: STS is off.</summary>
    public string? AcceptedOidcToken { get; set; }

    /// <summary>The role AssumeRoleWithOIDC may assume; another answers EntityNotExist.Role. Default none: any role.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The OIDC provider a request must name; another answers EntityNotExist.OIDCProvider. Default none: any.</summary>
    public string? OidcProviderArn { get; set; }

    /// <summary>
    /// The RAM role attached to the emulated instance the caller runs on, served at
    /// <c>/latest/meta-data/ram/security-credentials/</c>. Default none: the metadata service answers 404.
    /// </summary>
    public string? MetadataRoleName { get; set; }

    /// <summary>Metadata reads must carry a session token (the instance's security-hardened mode). Default false.</summary>
    public bool RequireMetadataToken { get; set; }

    /// <summary>
    /// Lifetime of every issued key, whatever DurationSeconds asked (STS's floor is 900 s; shorter is an emulator knob
    /// so refresh can be tested in seconds). Default 1 hour.
    /// </summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AcceptedOidcToken is { Length: < 4 })
        {
            problems.Add("STS accepted OIDC token: expected at least 4 characters, as STS requires");
        }

        if (MetadataRoleName is { } role && (role.Length == 0 || role.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add("metadata role name: expected a non-empty name without '/'");
        }

        if (CredentialLifetime <= TimeSpan.Zero)
        {
            problems.Add("STS credential lifetime: expected a positive duration");
        }

        return problems;
    }
}
