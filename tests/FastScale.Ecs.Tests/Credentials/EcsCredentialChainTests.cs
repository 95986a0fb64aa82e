using FastScale.Ecs.Credentials;
using FastScale.Ecs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Ecs.Tests.Credentials;

public sealed class EcsCredentialChainTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fastscale-chain-").FullName;
    private readonly HttpClient _http = new();

    private static readonly (string, string)[] AccessKey =
        [("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")];

    private static readonly (string, string)[] Rrsa =
    [
        ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/fastscale"),
        ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/ack-rrsa-c1"),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token"),
    ];

    [Fact]
    public void Resolve_ExplicitFile_WinsOverEnvironmentAndRrsa()
    {
        var file = Path.Combine(_directory, "creds.json");
        File.WriteAllText(file, """{ "access_key_id": "LTAIfile", "access_key_secret": "file-secret" }""");

        var result = Resolve(new CredentialChainOptions { CredentialsFile = file }, [.. AccessKey, .. Rrsa]);

        Assert.IsType<StaticCredentialsProvider>(result.Provider);
        Assert.Equal($"credentials file {file}", result.Provider!.Source);
    }

    [Fact]
    public async Task Resolve_EnvironmentAccessKey_WinsOverRrsaAndMetadata()
    {
        var result = Resolve(new CredentialChainOptions(), [.. AccessKey, .. Rrsa]);

        var credentials = await result.Provider!.GetCredentialsAsync(CancellationToken.None);
        Assert.Equal("LTAIenv", credentials.AccessKeyId);
        Assert.Equal("AccessKey from the environment", result.Provider.Source);
    }

    [Fact]
    public async Task Resolve_EnvironmentAccessKeyWithSecurityToken_KeepsTheTokenAndSaysItIsNotRefreshed()
    {
        var result = Resolve(new CredentialChainOptions(), [.. AccessKey, ("ALIBABA_CLOUD_SECURITY_TOKEN", "sts-token")]);

        Assert.True((await result.Provider!.GetCredentialsAsync(CancellationToken.None)).HasSecurityToken);
        Assert.Contains("not refreshed", result.Provider.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_HalfAnAccessKey_IsAProblemNotAFallThrough()
    {
        var result = Resolve(new CredentialChainOptions(), [("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"), .. Rrsa]);

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Problems, p => p.Contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_RrsaVariables_ChooseRrsaBeforeMetadata()
    {
        var result = Resolve(new CredentialChainOptions(), Rrsa);

        Assert.IsType<RefreshingCredentialsProvider>(result.Provider);
        Assert.Equal("RRSA role acs:ram::1:role/fastscale", result.Provider!.Source);
    }

    [Fact]
    public void Resolve_RrsaPartlyConfigured_NamesTheMissingVariables()
    {
        var result = Resolve(new CredentialChainOptions(), [Rrsa[0]]);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", problem, StringComparison.Ordinal);
        Assert.Contains("ALIBABA_CLOUD_OIDC_TOKEN_FILE", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingConfigured_FallsBackToTheMetadataRamRole()
    {
        var result = Resolve(new CredentialChainOptions(), [("ALIBABA_CLOUD_ECS_METADATA", "node-role")]);

        Assert.IsType<RefreshingCredentialsProvider>(result.Provider);
        Assert.Equal("ECS RAM role node-role via metadata", result.Provider!.Source);
    }

    [Fact]
    public void Resolve_NothingConfiguredAndMetadataDisabled_ListsEverySource()
    {
        var result = Resolve(new CredentialChainOptions(), [("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")]);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("--credentials-file", problem, StringComparison.Ordinal);
        Assert.Contains("ALIBABA_CLOUD_ROLE_ARN", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadStsEndpoint_IsAProblem()
    {
        var result = Resolve(new CredentialChainOptions { StsEndpoint = "ftp://sts" }, Rrsa);

        Assert.Contains(result.Problems, p => p.StartsWith("STS endpoint", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private CredentialChainResult Resolve(CredentialChainOptions options, (string Name, string Value)[] variables) =>
        EcsCredentialChain.Resolve(
            options,
            new DictionaryEnvironment(variables.ToDictionary(v => v.Name, v => v.Value)),
            _http,
            TimeProvider.System,
            NullLoggerFactory.Instance);
}
