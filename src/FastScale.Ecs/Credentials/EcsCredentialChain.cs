using Microsoft.Extensions.Logging;

namespace FastScale.Ecs.Credentials;

/// <summary>
/// Picks the credential source in the order of the official Alibaba Cloud SDKs' default chain: an explicit file, then
/// an AccessKey in the environment (with an optional STS token), then RRSA (the three OIDC variables), then the ECS
/// instance RAM role from the metadata service. The choice is made once, from what is configured, so the start-up
/// line names it; a source that is half configured is an error rather than a silent fall-through to the next one.
/// </summary>
public static class EcsCredentialChain
{
    public const string RoleArnVariable = "ALIBABA_CLOUD_ROLE_ARN";
    public const string OidcProviderArnVariable = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    public const string OidcTokenFileVariable = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    public const string RoleSessionNameVariable = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
    public const string StsRegionVariable = "ALIBABA_CLOUD_STS_REGION";
    public const string VpcEndpointVariable = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";
    public const string EcsMetadataVariable = "ALIBABA_CLOUD_ECS_METADATA";
    public const string EcsMetadataDisabledVariable = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    public const string ImdsV1DisabledVariable = "ALIBABA_CLOUD_IMDSV1_DISABLED";

    /// <param name="http">Carries the STS and metadata calls; owned by the caller.</param>
    public static CredentialChainResult Resolve(
        CredentialChainOptions options, IEnvironmentVariables environment, HttpClient http, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        var refreshProblems = options.Refresh.Validate();
        if (refreshProblems.Count > 0)
        {
            return new(null, refreshProblems);
        }

        if (!string.IsNullOrWhiteSpace(options.CredentialsFile))
        {
            return Static(EcsCredentialsLoader.FromFile(options.CredentialsFile), $"credentials file {options.CredentialsFile}");
        }

        if (IsSet(environment, EcsCredentialsLoader.AccessKeyIdVariable) || IsSet(environment, EcsCredentialsLoader.AccessKeySecretVariable))
        {
            var loaded = EcsCredentialsLoader.FromEnvironment(environment);
            return Static(loaded, loaded.Credentials?.HasSecurityToken == true ? "STS token from the environment (not refreshed)" : "AccessKey from the environment");
        }

        string[] oidc = [RoleArnVariable, OidcProviderArnVariable, OidcTokenFileVariable];
        if (oidc.Any(name => IsSet(environment, name)))
        {
            var missing = oidc.Where(name => !IsSet(environment, name)).ToList();
            if (missing.Count > 0)
            {
                return new(null, [$"RRSA needs {string.Join(", ", oidc)} together; missing {string.Join(", ", missing)}"]);
            }

            var rrsa = new OidcRoleOptions
            {
                RoleArn = environment.Get(RoleArnVariable)!.Trim(),
                OidcProviderArn = environment.Get(OidcProviderArnVariable)!.Trim(),
                TokenFile = environment.Get(OidcTokenFileVariable)!.Trim(),
                RoleSessionName = environment.Get(RoleSessionNameVariable) is { Length: > 0 } session ? session.Trim() : "fastscale",
                StsEndpoint = options.StsEndpoint ?? StsEndpointFor(environment),
            };
            var problems = rrsa.Validate();
            return problems.Count > 0
                ? new(null, problems)
                : Refreshing(new OidcRoleCredentialsSource(http, rrsa, time), options.Refresh, time, loggers);
        }

        if (IsTrue(environment, EcsMetadataDisabledVariable))
        {
            return new(null,
            [
                $"no credentials: pass --credentials-file, or set {EcsCredentialsLoader.AccessKeyIdVariable}/{EcsCredentialsLoader.AccessKeySecretVariable}, " +
                $"or RRSA's {string.Join(", ", oidc)} (the ECS metadata service is disabled by {EcsMetadataDisabledVariable})",
            ]);
        }

        var metadata = new EcsMetadataOptions
        {
            RoleName = environment.Get(EcsMetadataVariable) is { Length: > 0 } role ? role.Trim() : null,
            Endpoint = options.MetadataEndpoint ?? EcsMetadataOptions.DefaultEndpoint,
            DisableImdsV1 = IsTrue(environment, ImdsV1DisabledVariable),
        };
        var metadataProblems = metadata.Validate();
        return metadataProblems.Count > 0
            ? new(null, metadataProblems)
            : Refreshing(new EcsMetadataCredentialsSource(http, metadata), options.Refresh, time, loggers);
    }

    /// <summary>The regional endpoint when a region is named (inside a VPC, its VPC endpoint), the central one otherwise.</summary>
    private static string StsEndpointFor(IEnvironmentVariables environment) =>
        environment.Get(StsRegionVariable) is { Length: > 0 } region
            ? IsTrue(environment, VpcEndpointVariable) ? $"https://sts-vpc.{region.Trim()}.aliyuncs.com" : $"https://sts.{region.Trim()}.aliyuncs.com"
            : OidcRoleOptions.DefaultStsEndpoint;

    private static CredentialChainResult Static(CredentialsLoadResult loaded, string source) =>
        loaded.IsSuccess ? new(new StaticCredentialsProvider(loaded.Credentials!, source), []) : new(null, loaded.Problems);

    private static CredentialChainResult Refreshing(ITemporaryCredentialsSource source, CredentialRefreshOptions refresh, TimeProvider time, ILoggerFactory loggers) =>
        new(new RefreshingCredentialsProvider(source, refresh, time, loggers.CreateLogger<RefreshingCredentialsProvider>()), []);

    private static bool IsSet(IEnvironmentVariables environment, string name) => !string.IsNullOrWhiteSpace(environment.Get(name));

    private static bool IsTrue(IEnvironmentVariables environment, string name) =>
        environment.Get(name)?.Trim() is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
