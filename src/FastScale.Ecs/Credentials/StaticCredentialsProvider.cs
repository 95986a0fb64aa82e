namespace FastScale.Ecs.Credentials;

/// <summary>Long-lived AccessKeys (or an STS token handed over from outside): nothing to refresh.</summary>
public sealed class StaticCredentialsProvider(EcsCredentials credentials, string source = "static AccessKey") : ICredentialsProvider
{
    private readonly EcsCredentials _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));

    public string Source { get; } = source;

    public ValueTask<EcsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_credentials);
}
