using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class LauncherTests
{
    private const CloudAction Run = CloudAction.RunInstances;
    private readonly FakeTimeProvider _time = ClockDriver.NewYear();
    private readonly InMemoryCloudOptions _cloudOptions = new();
    private readonly InMemoryCloud _cloud;
    private readonly Launcher _launcher;

    public LauncherTests()
    {
        _cloud = new InMemoryCloud(_cloudOptions, _time);
        _launcher = new Launcher(new PacedCloud(_cloud, CloudApiBudgetTests.Budget(_time, qps: 10, burst: 10), NullLogger<PacedCloud>.Instance),
            new LauncherOptions { Jitter = new Random(42).NextDouble }, _time, NullLogger<Launcher>.Instance);
    }

    [Fact]
    public async Task LaunchAsync_LostAnswer_IsRetriedWithTheSameClientTokenAndCreatesNothingTwice()
    {
        _cloud.InjectLostResponse(Run);

        var outcome = await LaunchAsync(number: 1, amount: 100);

        Assert.Equal(100, outcome.InstanceIds.Count);
        Assert.Equal(100, _cloud.InstanceCount);
        var calls = _cloud.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(CloudErrorKind.Transient, calls[0].Error?.Kind);
        Assert.Equal(calls[0].ClientToken, calls[1].ClientToken);
        Assert.True(calls[1].At > calls[0].At, "the retry waits a back-off delay");
        Assert.Equal(1, _launcher.Retries);
    }

    [Fact]
    public async Task LaunchAsync_TransientUntilRetriesRunOut_FailsTheSlotsAsOther()
    {
        for (var i = 0; i < 6; i++)
        {
            _cloud.InjectError(Run, CloudFaults.Transient());
        }

        var outcome = await LaunchAsync(number: 1, amount: 40);

        Assert.Empty(outcome.InstanceIds);
        Assert.Equal(40, outcome.FailedCount);
        Assert.Equal(CloudErrorKind.Transient, outcome.FailureError?.Kind);
        Assert.Equal(6, _cloud.LaunchCalls);
        Assert.Single(_cloud.Calls.Select(c => c.ClientToken).Distinct());
    }

    [Fact]
    public async Task LaunchAsync_StockOut_FallsBackToTheNextZoneAndTheCacheSkipsTheDeadOfferingNextTime()
    {
        _cloudOptions.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");

        var first = await LaunchAsync(number: 1, amount: 100);
        var second = await LaunchAsync(number: 2, amount: 100);

        Assert.Equal(200, first.InstanceIds.Count + second.InstanceIds.Count);
        Assert.Equal(3, _cloud.LaunchCalls);
        Assert.Equal(CloudErrorKind.OutOfStock, _cloud.Calls[0].Error?.Kind);
        Assert.True(_launcher.Unavailable.IsUnavailable(new Offering("ecs.g7.large", "cn-hangzhou-h", "vsw-h"), out _));
    }

    [Fact]
    public async Task LaunchAsync_AfterTheCacheTtl_TriesTheOfferingAgain()
    {
        _cloudOptions.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");
        await LaunchAsync(number: 1, amount: 10);
        _cloudOptions.OutOfStock.Clear();

        _time.Advance(TimeSpan.FromMinutes(3));
        await LaunchAsync(number: 2, amount: 10);

        var listed = await _cloud.ListAllPagesAsync("c1", CancellationToken.None);
        Assert.Equal(10, listed.Value!.Count(i => i.ZoneId == "cn-hangzhou-h"));
    }

    [Fact]
    public async Task LaunchAsync_EveryOfferingOutOfStock_FailsTheBatchWithTheStockOut()
    {
        _cloudOptions.OutOfStock.Add("ecs.g7.large@cn-hangzhou-h");
        _cloudOptions.OutOfStock.Add("ecs.g7.large@cn-hangzhou-i");

        var outcome = await LaunchAsync(number: 1, amount: 5);
        var again = await LaunchAsync(number: 2, amount: 5);

        Assert.Equal(5, outcome.FailedCount);
        Assert.Equal("OperationDenied.NoStock", outcome.FailureError?.Code);
        Assert.Equal(5, again.FailedCount);
        Assert.Equal(2, _cloud.LaunchCalls);
    }

    [Fact]
    public async Task LaunchAsync_VSwitchOutOfIps_SkipsEveryTypeOnThatVSwitchAndLaunchesElsewhere()
    {
        // g7@h has no IP left in vsw-h, g7@i has no stock: the next offering in order, g6@h, launches into vsw-h too and
        // must not be asked; g6@i gets the batch.
        _cloud.InjectError(Run, new CloudError(CloudErrorKind.OutOfStock, "InvalidVSwitchId.IpNotEnough", "no IP") { Scope = CapacityScope.VSwitch });
        _cloudOptions.OutOfStock.Add("ecs.g7.large@cn-hangzhou-i");

        var outcome = await LaunchAsync(number: 1, amount: 50, "ecs.g7.large", "ecs.g6.large");

        Assert.Equal(50, outcome.InstanceIds.Count);
        Assert.Equal(3, _cloud.LaunchCalls);
        var listed = await _cloud.ListAllPagesAsync("c1", CancellationToken.None);
        Assert.All(listed.Value!, i => Assert.Equal(("ecs.g6.large", "cn-hangzhou-i"), (i.InstanceType, i.ZoneId)));
        Assert.True(_launcher.Unavailable.IsUnavailable(new Offering("ecs.g8i.large", "cn-hangzhou-h", "vsw-h"), out _));
    }

    [Fact]
    public async Task LaunchAsync_ZoneNotOnSale_MovesOnToTheNextZoneAndFillsTheBatch()
    {
        _cloud.InjectError(Run, new CloudError(CloudErrorKind.OutOfStock, "Zone.NotOnSale", "The specified zone is not available for purchase."));

        var outcome = await LaunchAsync(number: 1, amount: 100);

        Assert.Equal(100, outcome.InstanceIds.Count);
        Assert.Equal(0, outcome.FailedCount);
        Assert.Equal(2, _cloud.LaunchCalls);
        var listed = await _cloud.ListAllPagesAsync("c1", CancellationToken.None);
        Assert.All(listed.Value!, i => Assert.Equal("cn-hangzhou-i", i.ZoneId));
        Assert.True(_launcher.Unavailable.IsUnavailable(new Offering("ecs.g7.large", "cn-hangzhou-h", "vsw-h"), out var cached));
        Assert.Equal("Zone.NotOnSale", cached?.Code);
    }

    [Fact]
    public async Task LaunchAsync_AccountQuota_FailsTheBatchWithoutTryingAnotherOfferingOrCachingOne()
    {
        _cloud.InjectError(Run, CloudFaults.QuotaExceeded());

        var outcome = await LaunchAsync(number: 1, amount: 30, "ecs.g7.large", "ecs.g6.large");

        Assert.Empty(outcome.InstanceIds);
        Assert.Equal(30, outcome.FailedCount);
        Assert.Equal(CloudErrorKind.QuotaExceeded, outcome.FailureError?.Kind);
        Assert.Equal(1, _cloud.LaunchCalls);
        Assert.False(_launcher.Unavailable.IsUnavailable(new Offering("ecs.g7.large", "cn-hangzhou-h", "vsw-h"), out _));
    }

    [Fact]
    public async Task LaunchAsync_PartialStock_KeepsWhatWasCreatedAndReportsTheRestWithTheQuotaError()
    {
        _cloudOptions.MaxInstances = 60;

        var outcome = await LaunchAsync(number: 1, amount: 100);

        Assert.Equal(60, outcome.InstanceIds.Count);
        Assert.Equal(40, outcome.FailedCount);
        Assert.Equal(CloudErrorKind.QuotaExceeded, outcome.FailureError?.Kind);
        Assert.Equal(2, _cloud.LaunchCalls);
    }

    [Fact]
    public async Task LaunchAsync_Request_CarriesTheBatchNumberAndADeterministicToken()
    {
        await LaunchAsync(number: 9, amount: 3);

        var listed = await _cloud.ListAllPagesAsync("c1", CancellationToken.None);
        Assert.All(listed.Value!, i => Assert.Equal(9, i.LaunchBatch));
        var expected = ClientTokens.For("c1", "g1", 9, new Offering("ecs.g7.large", "cn-hangzhou-h", "vsw-h"), 3);
        Assert.Equal(expected, Assert.Single(_cloud.Calls, c => c.Action == Run).ClientToken);
        Assert.True(expected.Length <= 64);
    }

    [Fact]
    public void ClientTokens_DifferInEveryInput()
    {
        var offering = new Offering("t", "z", "v");
        string[] tokens =
        [
            ClientTokens.For("c", "g", 1, offering, 100),
            ClientTokens.For("c2", "g", 1, offering, 100),
            ClientTokens.For("c", "g2", 1, offering, 100),
            ClientTokens.For("c", "g", 2, offering, 100),
            ClientTokens.For("c", "g", 1, offering with { ZoneId = "z2" }, 100),
            ClientTokens.For("c", "g", 1, offering with { InstanceType = "t2" }, 100),
            ClientTokens.For("c", "g", 1, offering, 99),
            ClientTokens.For("c", "g", 1, offering, 100, warmPool: true),
        ];

        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        Assert.Equal(tokens[0], ClientTokens.For("c", "g", 1, offering, 100));
    }

    private Task<LaunchOutcome> LaunchAsync(long number, int amount, params string[] instanceTypes) =>
        ClockDriver.CompleteAsync(_time, _launcher.LaunchAsync(
            new LaunchBatch("c1", TestPolicies.Group("g1", instanceTypes: instanceTypes), number, amount), CancellationToken.None));
}
