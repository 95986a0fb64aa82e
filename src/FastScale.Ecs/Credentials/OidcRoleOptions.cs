namespace FastScale.Ecs.Credentials;

/// <summary>
/// RRSA: exchange the pod's projected service-account token for a RAM role's STS credentials with STS
/// <c>AssumeRoleWithOIDC</c>. The three ARNs/paths come from the variables ACK's pod-identity webhook injects.
/// </summary>
public sealed class OidcRoleOptions
{
    public const string DefaultStsEndpoint = "https://sts.aliyuncs.com";

    /// <summary><c>ALIBABA_CLOUD_ROLE_ARN</c>, e.g. <c>acs:ram::123:role/fastscale</c>.</summary>
    public required string RoleArn { get; init; }

    /// <summary><c>ALIBABA_CLOUD_OIDC_PROVIDER_ARN</c>, e.g. <c>acs:ram::123:oidc-provider/ack-rrsa-c123</c>.</summary>
    public required string OidcProviderArn { get; init; }

    /// <summary>
    /// <c>ALIBABA_CLOUD_OIDC_TOKEN_FILE</c>. Read on every refresh: the kubelet rotates the projected token in place.
    /// </summary>
    public required string TokenFile { get; init; }

    /// <summary><c>ALIBABA_CLOUD_ROLE_SESSION_NAME</c>; shows in ActionTrail as who acted. Default <c>fastscale</c>.</summary>
    public string RoleSessionName { get; init; } = "fastscale";

    /// <summary>Requested lifetime, 900 s up to the role's MaxSessionDuration. Default 3600 s (STS's own default).</summary>
    public TimeSpan SessionDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>STS endpoint, a URL or HOST:PORT (plain HTTP on loopback only). Default <see cref="DefaultStsEndpoint"/>.</summary>
    public string StsEndpoint { get; init; } = DefaultStsEndpoint;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RoleArn))
        {
            problems.Add("RRSA: the role ARN is empty");
        }

        if (string.IsNullOrWhiteSpace(OidcProviderArn))
        {
            problems.Add("RRSA: the OIDC provider ARN is empty");
        }

        if (string.IsNullOrWhiteSpace(TokenFile))
        {
            problems.Add("RRSA: the OIDC token file path is empty");
        }

        if (string.IsNullOrWhiteSpace(RoleSessionName) || RoleSessionName.Length is < 2 or > 64)
        {
            problems.Add("RRSA: the role session name must be 2 to 64 characters");
        }

        if (SessionDuration < TimeSpan.FromSeconds(900) || SessionDuration > TimeSpan.FromHours(12))
        {
            problems.Add("RRSA: the session duration must be between 900 s and 12 h");
        }

        if (!Endpoints.EcsEndpoint.TryParse(StsEndpoint, out _, out var error))
        {
            problems.Add($"STS endpoint: {error}");
        }

        return problems;
    }
}
