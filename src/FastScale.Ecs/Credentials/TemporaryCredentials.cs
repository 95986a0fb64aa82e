namespace FastScale.Ecs.Credentials;

/// <summary>STS credentials and the instant STS stops accepting them.</summary>
public sealed record TemporaryCredentials(EcsCredentials Credentials, DateTimeOffset Expiration);
