using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Tests.Support;
using FastScale.Engine.Cloud;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>
/// RRSA and the metadata RAM role end to end: our sources fetch from the emulator's STS and metadata service, our
/// client signs with what they gave, and the emulator refuses any temporary key past its Expiration. Credentials live
/// 60 virtual seconds, so a few virtual minutes see several refreshes.
/// </summary>
public sealed class CredentialsAgainstEmulatorTests : IAsyncDisposable
{
    private const string OidcToken = "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.sig";
    private const string RoleArn = "acs:ram::1234567890:role/fastscale";
    private const string ProviderArn = "acs:ram::1234567890:oidc-provider/ack-rrsa-c0ffee";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("fastscale-rrsa-").FullName;
    private readonly HttpClient _http = new();
    private readonly List<IDisposable> _owned = [];
    private EmulatorWorld? _world;

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task Rrsa_CredentialsLasting60Seconds_AreRefreshedAndNeverRefusedAsExpired(EcsSignatureVersion version)
    {
        var world = await World(version);
        var (client, provider) = RrsaClient(world, version, TokenFile(OidcToken));

        var failures = new List<CloudError>();
        for (var step = 0; step < 60; step++)
        {
            var result = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);
            if (result.Error is { } error)
            {
                failures.Add(error);
            }

            world.Time.Advance(TimeSpan.FromSeconds(5));
        }

        // 300 virtual seconds of 60-second keys, renewed 30 s ahead (half their life): one fetch every 30 s.
        Assert.Empty(failures);
        Assert.InRange(provider.Refreshes, 9, 11);
        Assert.Equal(provider.Refreshes, world.Emulator.Sts.Issued);
        Assert.Equal(0, world.Emulator.Counters.ErrorsByCode.GetValueOrDefault("InvalidSecurityToken.Expired"));
    }

    [Fact]
    public async Task StsCredentials_UsedPastExpiration_AreRefusedWithInvalidSecurityTokenExpired()
    {
        var world = await World(EcsSignatureVersion.V3);
        var source = new OidcRoleCredentialsSource(_http, RrsaOptions(world, TokenFile(OidcToken)), world.Time);
        var once = await source.FetchAsync(CancellationToken.None);
        var client = new EcsClient(
            _http, ClientOptions(world, EcsSignatureVersion.V3), new StaticCredentialsProvider(once.Credentials), world.Time, NullLogger<EcsClient>.Instance);

        var before = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);
        world.Time.Advance(Lifetime);
        var after = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.True(before.IsSuccess);
        Assert.Equal("InvalidSecurityToken.Expired", after.Error!.Code);
        Assert.Equal(CloudErrorKind.Unauthorized, after.Error.Kind);
        Assert.Equal(1, world.Emulator.Counters.ErrorsByCode["InvalidSecurityToken.Expired"]);
    }

    [Fact]
    public async Task Rrsa_OurClockBehindTheClouds_OneCallRefusedAsExpiredThenRenewed()
    {
        var world = await World(EcsSignatureVersion.V3);
        // The provider's clock stands still while the cloud's runs on: keys it thinks fresh are already dead there.
        var behind = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(world.Time.GetUtcNow());
        using var provider = new RefreshingCredentialsProvider(
            new OidcRoleCredentialsSource(_http, RrsaOptions(world, TokenFile(OidcToken)), world.Time),
            new CredentialRefreshOptions(), behind, new ListLogger<RefreshingCredentialsProvider>());
        var client = new EcsClient(_http, ClientOptions(world, EcsSignatureVersion.V3), provider, world.Time, NullLogger<EcsClient>.Instance);
        Assert.True((await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None)).IsSuccess);

        world.Time.Advance(Lifetime);
        var refused = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);
        var next = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal("InvalidSecurityToken.Expired", refused.Error?.Code);
        Assert.True(next.IsSuccess, next.Error?.ToString());
        Assert.Equal(2, world.Emulator.Sts.Issued);
    }

    [Fact]
    public async Task Rrsa_ManyConcurrentCallsAtStart_CostOneAssumeRoleWithOidc()
    {
        var world = await World(EcsSignatureVersion.V3);
        var (client, _) = RrsaClient(world, EcsSignatureVersion.V3, TokenFile(OidcToken));

        var results = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(_ => client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
        Assert.Equal(1, world.Emulator.Sts.Issued);
    }

    [Fact]
    public async Task Rrsa_TokenFileNotTheAcceptedToken_FailsNamingStsCodeAndNeverTheToken()
    {
        var world = await World(EcsSignatureVersion.V3);
        const string wrong = "eyJ.some-other-cluster-token.sig";
        var (client, _) = RrsaClient(world, EcsSignatureVersion.V3, TokenFile(wrong));

        var result = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal("CredentialsUnavailable", result.Error!.Code);
        Assert.Contains("AuthenticationFail.OIDCToken.Invalid", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rrsa_TokenFileRotated_NextRefreshReadsTheNewToken()
    {
        var world = await World(EcsSignatureVersion.V3);
        var file = TokenFile("eyJ.token-from-before-rotation.sig");
        var (client, _) = RrsaClient(world, EcsSignatureVersion.V3, file);
        Assert.False((await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None)).IsSuccess);

        // The kubelet rewrites the projected token in place; the provider retries after its pacing interval.
        await File.WriteAllTextAsync(file, OidcToken);
        world.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.True((await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None)).IsSuccess);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MetadataRamRole_DiscoveredRole_SignsCallsAndRefreshes(bool hardenedModeRequired)
    {
        var world = await World(EcsSignatureVersion.V3, sts =>
        {
            sts.MetadataRoleName = "fastscale-node-role";
            sts.RequireMetadataToken = hardenedModeRequired;
        });
        var source = new EcsMetadataCredentialsSource(_http, new EcsMetadataOptions { Endpoint = $"http://{world.Server.Address}" });
        var provider = Refreshing(source, world);
        var client = new EcsClient(_http, ClientOptions(world, EcsSignatureVersion.V3), provider, world.Time, NullLogger<EcsClient>.Instance);

        for (var step = 0; step < 12; step++)
        {
            var result = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);
            Assert.True(result.IsSuccess, result.Error?.ToString());
            world.Time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal("ECS RAM role (attached) via metadata", provider.Source);
        Assert.InRange(provider.Refreshes, 4, 5);
    }

    [Fact]
    public async Task MetadataRamRole_HardenedModeRequiredButImdsV1Only_IsRefused()
    {
        var world = await World(EcsSignatureVersion.V3, sts =>
        {
            sts.MetadataRoleName = "fastscale-node-role";
            sts.RequireMetadataToken = true;
        });
        using var noPut = new HttpClient(new DropTokenRequests(new SocketsHttpHandler()));
        var source = new EcsMetadataCredentialsSource(noPut, new EcsMetadataOptions { Endpoint = $"http://{world.Server.Address}", RoleName = "fastscale-node-role" });

        var ex = await Assert.ThrowsAsync<CredentialsUnavailableException>(() => source.FetchAsync(CancellationToken.None));
        Assert.Contains("HTTP 401", ex.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _http.Dispose();
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task<EmulatorWorld> World(EcsSignatureVersion version, Action<FastScale.Simulation.Ecs.Sts.EmulatedStsOptions>? configure = null)
    {
        _world = await EmulatorWorld.StartAsync(version, options =>
        {
            options.Sts.AcceptedOidcToken = OidcToken;
            options.Sts.RoleArn = RoleArn;
            options.Sts.OidcProviderArn = ProviderArn;
            options.Sts.CredentialLifetime = Lifetime;
            configure?.Invoke(options.Sts);
        });
        return _world;
    }

    private (EcsClient Client, RefreshingCredentialsProvider Provider) RrsaClient(EmulatorWorld world, EcsSignatureVersion version, string tokenFile)
    {
        var provider = Refreshing(new OidcRoleCredentialsSource(_http, RrsaOptions(world, tokenFile), world.Time), world);
        return (new EcsClient(_http, ClientOptions(world, version), provider, world.Time, NullLogger<EcsClient>.Instance), provider);
    }

    private RefreshingCredentialsProvider Refreshing(ITemporaryCredentialsSource source, EmulatorWorld world)
    {
        var provider = new RefreshingCredentialsProvider(source, new CredentialRefreshOptions(), world.Time, new ListLogger<RefreshingCredentialsProvider>());
        _owned.Add(provider);
        return provider;
    }

    private static OidcRoleOptions RrsaOptions(EmulatorWorld world, string tokenFile) => new()
    {
        RoleArn = RoleArn,
        OidcProviderArn = ProviderArn,
        TokenFile = tokenFile,
        StsEndpoint = world.Server.Address,
    };

    private static EcsClientOptions ClientOptions(EmulatorWorld world, EcsSignatureVersion version) =>
        new() { RegionId = EmulatorWorld.Region, Endpoint = world.Server.Address, SignatureVersion = version };

    private string TokenFile(string content)
    {
        var path = Path.Combine(_directory, $"token-{Guid.NewGuid():N}");
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>An instance that only offers the plain mode: the hardened mode's token request never arrives.</summary>
    private sealed class DropTokenRequests(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Put
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound))
                : base.SendAsync(request, cancellationToken);
    }
}
