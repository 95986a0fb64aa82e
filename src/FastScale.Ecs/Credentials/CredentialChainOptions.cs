namespace FastScale.Ecs.Credentials;

/// <summary>What the command line adds to the environment when the chain picks a credential source.</summary>
public sealed class CredentialChainOptions
{
    /// <summary><c>--credentials-file</c>: a JSON file of AccessKeys; when given it wins over everything else.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary><c>--sts-endpoint</c>: where RRSA's AssumeRoleWithOIDC goes. Default: <c>ALIBABA_CLOUD_STS_REGION</c>'s regional endpoint, else the central one.</summary>
    public string? StsEndpoint { get; init; }

    /// <summary><c>--metadata-endpoint</c>: the ECS metadata service. Default <see cref="EcsMetadataOptions.DefaultEndpoint"/>.</summary>
    public string? MetadataEndpoint { get; init; }

    public CredentialRefreshOptions Refresh { get; init; } = new();
}
