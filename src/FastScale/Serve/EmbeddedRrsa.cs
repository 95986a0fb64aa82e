using FastScale.Ecs.Credentials;
using FastScale.Simulation.Ecs;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>
/// RRSA inside an embedded world: the emulator's STS accepts one made-up service-account token, written to a file as the
/// kubelet would project it, and the provider signs only with the short-lived keys AssumeRoleWithOIDC gives for it.
/// </summary>
internal sealed class EmbeddedRrsa : IDisposable
{
    private const string RoleArn = "acs:ram::1000000000000000:role/fastscale";
    private const string ProviderArn = "acs:ram::1000000000000000:oidc-provider/ack-rrsa-embedded";

    private readonly string _directory;
    private readonly string _tokenFile;
    private readonly string _token = "eyJ.embedded-" + Guid.NewGuid().ToString("N") + ".sig";
    private readonly HttpClient _http = new();
    private RefreshingCredentialsProvider? _provider;

    public EmbeddedRrsa(TimeSpan lifetime)
    {
        Lifetime = lifetime;
        _directory = Directory.CreateTempSubdirectory("fastscale-rrsa-").FullName;
        _tokenFile = Path.Combine(_directory, "token");
        File.WriteAllText(_tokenFile, _token);
    }

    public TimeSpan Lifetime { get; }

    public void Configure(EcsEmulatorOptions options)
    {
        options.Sts.AcceptedOidcToken = _token;
        options.Sts.RoleArn = RoleArn;
        options.Sts.OidcProviderArn = ProviderArn;
        options.Sts.CredentialLifetime = Lifetime;
    }

    /// <param name="stsAddress">The emulator's HOST:PORT, which serves STS too.</param>
    public ICredentialsProvider Provider(string stsAddress, TimeProvider time, ILoggerFactory logging)
    {
        var source = new OidcRoleCredentialsSource(
            _http, new OidcRoleOptions { RoleArn = RoleArn, OidcProviderArn = ProviderArn, TokenFile = _tokenFile, StsEndpoint = stsAddress }, time);
        _provider = new RefreshingCredentialsProvider(source, new CredentialRefreshOptions(), time, logging.CreateLogger<RefreshingCredentialsProvider>());
        return _provider;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
