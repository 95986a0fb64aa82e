namespace FastScale.Ecs.Credentials;

/// <summary>No usable credentials. The message names the source and the reason, never a secret or a token.</summary>
public sealed class CredentialsUnavailableException(string message) : Exception(message);
