namespace FastScale.Ecs.Credentials;

/// <summary>The provider the chain chose, or every problem that stopped it (no secret is ever quoted).</summary>
public sealed record CredentialChainResult(ICredentialsProvider? Provider, IReadOnlyList<string> Problems)
{
    public bool IsSuccess => Provider is not null;
}
