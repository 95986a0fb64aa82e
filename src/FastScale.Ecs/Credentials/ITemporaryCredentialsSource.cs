namespace FastScale.Ecs.Credentials;

/// <summary>One way of obtaining fresh STS credentials (STS AssumeRoleWithOIDC, the ECS metadata service).</summary>
public interface ITemporaryCredentialsSource
{
    /// <summary>For logs and the start-up line; never a secret.</summary>
    string Name { get; }

    /// <summary>A fresh set, or <see cref="CredentialsUnavailableException"/> saying why not.</summary>
    Task<TemporaryCredentials> FetchAsync(CancellationToken cancellationToken);
}
