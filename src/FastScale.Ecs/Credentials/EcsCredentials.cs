namespace FastScale.Ecs.Credentials;

/// <summary>
/// An AccessKey pair, with an STS token when the key is temporary. The secret and the token are internal and never
/// part of <see cref="ToString"/>, so neither can reach a log line or an exception message by accident.
/// </summary>
public sealed class EcsCredentials
{
    public EcsCredentials(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeySecret);
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrWhiteSpace(securityToken) ? null : securityToken;
    }

    public string AccessKeyId { get; }

    public bool HasSecurityToken => SecurityToken is not null;

    internal string AccessKeySecret { get; }

    /// <summary>Sent as <c>x-acs-security-token</c> (V3) or <c>SecurityToken</c> (V1).</summary>
    internal string? SecurityToken { get; }

    public override string ToString() =>
        $"AccessKeyId={AccessKeyId}, AccessKeySecret=***{(HasSecurityToken ? ", SecurityToken=***" : string.Empty)}";
}
