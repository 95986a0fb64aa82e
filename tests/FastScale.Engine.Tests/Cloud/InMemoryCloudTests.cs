using FastScale.Engine.Cloud;
using FastScale.Engine.Policy;
using FastScale.Engine.Tests.Launch;
using FastScale.Testing.Cloud;

namespace FastScale.Engine.Tests.Cloud;

public sealed class InMemoryCloudTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = ClockDriver.NewYear();
    private readonly InMemoryCloudOptions _options = new() { ProvisionDelay = TimeSpan.FromSeconds(10) };
    private readonly InMemoryCloud _cloud;

    public InMemoryCloudTests() => _cloud = new InMemoryCloud(_options, _time);

    [Fact]
    public async Task DescribeInstancesAsync_ReportsPendingThenRunning_AndLeavesOutUnknownIds()
    {
        var ids = await LaunchAsync(2);

        var early = await _cloud.DescribeInstancesAsync([ids[0], "i-unknown"], CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        var later = await _cloud.DescribeInstancesAsync(ids, CancellationToken.None);

        Assert.Equal(CloudInstanceStatus.Pending, Assert.Single(early.Value!).Status);
        Assert.All(later.Value!, i => Assert.Equal(CloudInstanceStatus.Running, i.Status));
    }

    [Fact]
    public async Task StopThenStart_GoesStoppedThenStartingThenRunning()
    {
        var ids = await LaunchAsync(1);
        _time.Advance(TimeSpan.FromSeconds(10));

        await _cloud.StopInstancesAsync(ids, economical: true, CancellationToken.None);
        var stopped = await _cloud.DescribeInstancesAsync(ids, CancellationToken.None);
        var started = await _cloud.StartInstancesAsync(ids, CancellationToken.None);
        var starting = await _cloud.DescribeInstancesAsync(ids, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        var running = await _cloud.DescribeInstancesAsync(ids, CancellationToken.None);

        Assert.Equal(CloudInstanceStatus.Stopped, stopped.Value![0].Status);
        Assert.True(started.Value![0].IsSuccess);
        Assert.Equal(CloudInstanceStatus.Starting, starting.Value![0].Status);
        Assert.Equal(CloudInstanceStatus.Running, running.Value![0].Status);
    }

    [Fact]
    public async Task StartInstancesAsync_EconomicallyStoppedWithoutStock_FailsThatInstanceOnly()
    {
        var ids = await LaunchAsync(1);
        await _cloud.StopInstancesAsync(ids, economical: true, CancellationToken.None);
        _options.OutOfStock.Add("ecs.g7.large@z1");

        var result = await _cloud.StartInstancesAsync([ids[0], "i-gone"], CancellationToken.None);

        Assert.Equal(CloudErrorKind.OutOfStock, result.Value![0].Error?.Kind);
        Assert.Equal(CloudErrorKind.NotFound, result.Value![1].Error?.Kind);
    }

    [Fact]
    public async Task InjectError_FailsTheNextCallOfThatActionOnly_AndIsLogged()
    {
        _cloud.InjectError(CloudAction.RunInstances, CloudFaults.OutOfStock());

        var first = await _cloud.LaunchAsync(Request("t1", 1), CancellationToken.None);
        var second = await _cloud.LaunchAsync(Request("t1", 1), CancellationToken.None);

        Assert.Equal(CloudErrorKind.OutOfStock, first.Error?.Kind);
        Assert.True(second.IsSuccess);
        Assert.Equal([CloudErrorKind.OutOfStock, (CloudErrorKind?)null], _cloud.Calls.Select(c => c.Error?.Kind));
    }

    [Fact]
    public async Task InjectLostResponse_AppliesTheCall_SoTheSameTokenReturnsTheSameInstances()
    {
        _cloud.InjectLostResponse(CloudAction.RunInstances);

        var lost = await _cloud.LaunchAsync(Request("t1", 5), CancellationToken.None);
        var retried = await _cloud.LaunchAsync(Request("t1", 5), CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, lost.Error?.Kind);
        Assert.Equal(5, retried.Value!.Count);
        Assert.Equal(5, _cloud.InstanceCount);
    }

    [Fact]
    public async Task LaunchAsync_OutOfStock_KeepsTheRefusalUnderItsToken_AsTheEmulatorDoes()
    {
        _options.OutOfStock.Add("ecs.g7.large@z1");
        var refused = await _cloud.LaunchAsync(Request("t1", 2), CancellationToken.None);
        _options.OutOfStock.Clear();

        var sameToken = await _cloud.LaunchAsync(Request("t1", 2), CancellationToken.None);
        var otherParameters = await _cloud.LaunchAsync(Request("t1", 3), CancellationToken.None);
        var newToken = await _cloud.LaunchAsync(Request("t2", 2), CancellationToken.None);

        Assert.Equal((CloudErrorKind.OutOfStock, CloudErrorKind.OutOfStock), (refused.Error?.Kind, sameToken.Error?.Kind));
        Assert.Equal(CloudErrorKind.IdempotencyMismatch, otherParameters.Error?.Kind);
        Assert.Equal(2, newToken.Value!.Count);
        Assert.Equal(2, _cloud.InstanceCount);
    }

    [Fact]
    public async Task DescribeInstancesAsync_MoreThan100Ids_IsInvalid()
    {
        var result = await _cloud.DescribeInstancesAsync([.. Enumerable.Range(0, 101).Select(i => $"i-{i}")], CancellationToken.None);

        Assert.Equal(CloudErrorKind.InvalidRequest, result.Error?.Kind);
    }

    [Fact]
    public async Task ListInstancesPageAsync_PagesInCreationOrder_AndATokenStillHoldsAfterDeletes()
    {
        _options.PageSize = 10;
        var ids = (await LaunchAsync(25)).ToList();
        await _cloud.LaunchAsync(Request("other-cluster", 3) with { ClusterId = "c2" }, CancellationToken.None);

        var first = (await _cloud.ListInstancesPageAsync("c1", null, CancellationToken.None)).Value!;
        await _cloud.DeleteInstancesAsync([ids[3], ids[12]], CancellationToken.None);
        var second = (await _cloud.ListInstancesPageAsync("c1", first.NextToken, CancellationToken.None)).Value!;
        var third = (await _cloud.ListInstancesPageAsync("c1", second.NextToken, CancellationToken.None)).Value!;

        Assert.Equal(ids[..10], first.Instances.Select(i => i.InstanceId));
        Assert.Equal(ids[10..21].Where(id => id != ids[12]), second.Instances.Select(i => i.InstanceId));
        Assert.Equal(ids[21..], third.Instances.Select(i => i.InstanceId));
        Assert.Null(third.NextToken);
        Assert.Equal([10, 10, 4], _cloud.Calls.Where(c => c.Action == CloudAction.DescribeInstances).Select(c => c.Count));
    }

    private async Task<IReadOnlyList<string>> LaunchAsync(int amount) =>
        (await _cloud.LaunchAsync(Request(Guid.NewGuid().ToString("N"), amount), CancellationToken.None)).Value!;

    private static LaunchRequest Request(string token, int amount) =>
        new("c1", "g1", token, "img", "ecs.g7.large", "z1", "vsw", "sg", amount, 1, 3);
}
