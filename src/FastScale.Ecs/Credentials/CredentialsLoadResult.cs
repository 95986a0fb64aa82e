namespace FastScale.Ecs.Credentials;

/// <summary>Credentials, or every problem found while looking for them (no secret is ever quoted).</summary>
public sealed record CredentialsLoadResult(EcsCredentials? Credentials, IReadOnlyList<string> Problems)
{
    public bool IsSuccess => Credentials is not null;

    internal static CredentialsLoadResult Ok(EcsCredentials credentials) => new(credentials, []);

    internal static CredentialsLoadResult Fail(IReadOnlyList<string> problems) => new(null, problems);
}
