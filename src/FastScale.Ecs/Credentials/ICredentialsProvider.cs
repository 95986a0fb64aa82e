namespace FastScale.Ecs.Credentials;

/// <summary>
/// Where the signer gets the credentials of one request. Asked once per request, so temporary credentials that were
/// refreshed in the meantime are used by the next call without restarting anything.
/// </summary>
public interface ICredentialsProvider
{
    /// <summary>What the credentials come from, for the start-up line (never a secret), e.g. <c>RRSA role acs:ram::…:role/x</c>.</summary>
    string Source { get; }

    /// <summary>
    /// Credentials valid now. Throws <see cref="CredentialsUnavailableException"/> when none can be had (the source
    /// refused or is unreachable and nothing unexpired is cached); only the caller's cancellation throws otherwise.
    /// </summary>
    ValueTask<EcsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// ECS refused <paramref name="rejected"/> as expired although it looked valid here (our clock behind the cloud's):
    /// the next request renews instead of using it again. Nothing to do for credentials that cannot be renewed.
    /// </summary>
    void ReportExpired(EcsCredentials rejected)
    {
    }
}
