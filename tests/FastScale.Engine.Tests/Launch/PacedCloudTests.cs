using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Launch;

public sealed class PacedCloudTests : IDisposable
{
    private readonly FakeTimeProvider _time = ClockDriver.NewYear();
    private readonly CloudApiCallLog _log = new();
    private readonly InMemoryCloudOptions _cloudOptions = new() { ProvisionDelay = TimeSpan.Zero };
    private readonly InMemoryCloud _cloud;
    private readonly ScalePolicy _policy = new();
    private CloudApiBudget? _budget;

    public PacedCloudTests() => _cloud = new InMemoryCloud(_cloudOptions, _time);

    public void Dispose()
    {
        _budget?.Dispose();
        _log.Dispose();
    }

    public static TheoryData<CloudAction> Methods => new(CloudActions.All);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EachMethod_TakesAPermitOfItsOwnActionAndIsCountedUnderIt(CloudAction action)
    {
        var paced = Paced();
        var ids = await LaunchedAsync(paced, 2);
        var budget = _budget!;
        var before = CloudActions.All.ToDictionary(a => a, a => _log.Calls(a.Name()));
        var probingBefore = CloudActions.All.Where(budget.IsProbing).ToList();

        Task task = action switch
        {
            CloudAction.RunInstances => (Task)paced.LaunchAsync(Request("t-2", 1), ApiPriority.ScaleOut, CancellationToken.None),
            CloudAction.StartInstances => (Task)paced.StartInstancesAsync(ids, ApiPriority.ScaleOut, CancellationToken.None),
            CloudAction.StopInstances => (Task)paced.StopInstancesAsync(ids, economical: true, ApiPriority.WarmPoolRefill, CancellationToken.None),
            CloudAction.DescribeInstances => (Task)paced.DescribeInstancesAsync(ids, ApiPriority.StatusPoll, CancellationToken.None),
            CloudAction.DeleteInstances => (Task)paced.DeleteInstancesAsync(ids, ApiPriority.Repair, CancellationToken.None),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        await ClockDriver.CompleteAsync(_time, Answered(task));

        // The action's first answer ends its first-call probing: the permit was taken from this action's bucket.
        Assert.All(CloudActions.All, a => Assert.Equal(probingBefore.Contains(a) && a != action, budget.IsProbing(a)));
        Assert.All(CloudActions.All, a => Assert.Equal(before[a] + (a == action ? 1 : 0), _log.Calls(a.Name())));
        Assert.All(CloudActions.All, a => Assert.Equal(0, _log.InFlight(a.Name())));
        Assert.Equal(action, _cloud.Calls[^1].Action);
    }

    [Theory]
    [InlineData(3, 100, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(250, 100, 3)]
    [InlineData(25, 10, 3)]
    public async Task ListInstancesAsync_OnePacedAndCountedDescribeInstancesPerPage(int instances, int pageSize, int pages)
    {
        // One DescribeInstances a second: each page waits a second for its own permit.
        _policy.Pacing[CloudAction.DescribeInstances] = new ActionPacing { Qps = 1, Burst = 1 };
        _cloudOptions.PageSize = pageSize;
        var paced = Paced();
        var ids = await LaunchedManyAsync(paced, instances);

        var listed = await ClockDriver.CompleteAsync(_time, paced.ListInstancesAsync("c1", ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(listed.IsSuccess, listed.Error?.ToString());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Value!.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        var describes = DescribeCalls();
        Assert.Equal(pages, describes.Count);
        Assert.Equal(pages, _log.Calls("DescribeInstances"));
        Assert.All(describes.Zip(describes.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(1)));
        Assert.False(_budget!.IsProbing(CloudAction.DescribeInstances));
    }

    [Fact]
    public async Task ListInstancesAsync_SecondPageThrottled_OnlyThatPageGoesAgain()
    {
        _policy.Pacing[CloudAction.DescribeInstances] = new ActionPacing { Qps = 1, Burst = 1 };
        var paced = Paced();
        var ids = await LaunchedManyAsync(paced, 250);

        var listing = paced.ListInstancesAsync("c1", ApiPriority.ScaleOut, CancellationToken.None);
        Assert.Single(DescribeCalls());
        _cloud.InjectError(CloudAction.DescribeInstances, CloudFaults.Throttled(TimeSpan.FromSeconds(2)));
        var listed = await ClockDriver.CompleteAsync(_time, listing);

        Assert.True(listed.IsSuccess, listed.Error?.ToString());
        Assert.Equal(250, listed.Value!.Select(i => i.InstanceId).Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Value!.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        // Page 1 once, page 2 throttled and asked again, page 3: a listing started over would ask for page 1 again.
        var describes = DescribeCalls();
        Assert.Equal([100, 100, 100, 50], describes.Select(c => c.Count));
        Assert.Equal([null, CloudErrorKind.Throttled, null, null], describes.Select(c => c.Error?.Kind));
        Assert.Equal(4, _log.Calls("DescribeInstances"));
        Assert.Equal(1, _budget!.Throttles);
    }

    [Fact]
    public async Task ListInstancesAsync_SecondPageFails_TheListingFailsRatherThanAnswerPartOfTheFleet()
    {
        _policy.Pacing[CloudAction.DescribeInstances] = new ActionPacing { Qps = 1, Burst = 1 };
        var paced = Paced();
        await LaunchedManyAsync(paced, 250);

        var listing = paced.ListInstancesAsync("c1", ApiPriority.ScaleOut, CancellationToken.None);
        Assert.Single(DescribeCalls());
        _cloud.InjectError(CloudAction.DescribeInstances, CloudFaults.Transient());
        var listed = await ClockDriver.CompleteAsync(_time, listing);

        Assert.Equal(CloudErrorKind.Transient, listed.Error?.Kind);
        Assert.Equal(2, DescribeCalls().Count);
        Assert.Equal(2, _log.Calls("DescribeInstances"));
    }

    [Fact]
    public async Task ListInstancesAsync_LaterPagesKeepTheCallersPriority_AheadOfALowerOneWaitingLonger()
    {
        _policy.Pacing[CloudAction.DescribeInstances] = new ActionPacing { Qps = 1, Burst = 1 };
        var paced = Paced();
        var ids = await LaunchedManyAsync(paced, 250);
        await ClockDriver.CompleteAsync(_time, paced.DescribeInstancesAsync(ids.Take(1).ToList(), ApiPriority.StatusPoll, CancellationToken.None));

        // Both wait for the next permit; the poll waits longer, but every page of the scale-out listing goes first.
        var poll = paced.DescribeInstancesAsync(ids.Take(2).ToList(), ApiPriority.StatusPoll, CancellationToken.None);
        var listing = paced.ListInstancesAsync("c1", ApiPriority.ScaleOut, CancellationToken.None);
        await ClockDriver.CompleteAsync(_time, Task.WhenAll(Answered(poll), Answered(listing)));

        Assert.Equal([1, 100, 100, 50, 2], DescribeCalls().Select(c => c.Count));
    }

    [Fact]
    public async Task DeleteInstancesAsync_BatchNamingAGoneInstance_EveryRequestIsPacedAndCounted()
    {
        var paced = Paced();
        var ids = await LaunchedAsync(paced, 2);
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.UnknownInstance());

        var deleted = await ClockDriver.CompleteAsync(_time, paced.DeleteInstancesAsync([ids[0], "i-gone", ids[1]], ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
        Assert.Equal(0, _cloud.InstanceCount);
        var calls = _cloud.Calls.Skip(1).ToList();
        Assert.Equal([CloudAction.DeleteInstances, CloudAction.DescribeInstances, CloudAction.DeleteInstances], calls.Select(c => c.Action));
        Assert.Equal([3, 3, 2], calls.Select(c => c.Count));
        Assert.Equal(2, _log.Calls("DeleteInstances"));
        Assert.Equal(1, _log.Calls("DescribeInstances"));
    }

    [Fact]
    public async Task DeleteInstancesAsync_BatchNamingAGoneInstance_TheSecondDeleteWaitsForAPermitOfItsOwn()
    {
        // One DeleteInstances a second: the retry of the delete may go only a second after the refused one.
        _policy.Pacing[CloudAction.DeleteInstances] = new ActionPacing { Qps = 1, Burst = 1 };
        var paced = Paced();
        var ids = await LaunchedAsync(paced, 2);
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.UnknownInstance());

        var deleting = paced.DeleteInstancesAsync([ids[0], "i-gone", ids[1]], ApiPriority.ScaleOut, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(900));

        Assert.False(deleting.IsCompleted);
        Assert.Equal([CloudAction.DeleteInstances, CloudAction.DescribeInstances], _cloud.Calls.Skip(1).Select(c => c.Action));
        Assert.Equal(1, _log.InFlight("DeleteInstances") + _log.Calls("DeleteInstances"));

        var deleted = await ClockDriver.CompleteAsync(_time, deleting);

        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
        Assert.Equal(2, _log.Calls("DeleteInstances"));
        Assert.True(_cloud.Calls[^1].At - _cloud.Calls[1].At >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task DeleteInstancesAsync_ThrottledRetryOfTheDelete_IsQueuedAgainAndCounted()
    {
        var paced = Paced();
        var ids = await LaunchedAsync(paced, 2);
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.UnknownInstance());
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.Throttled(TimeSpan.FromSeconds(2)));

        var deleted = await ClockDriver.CompleteAsync(_time, paced.DeleteInstancesAsync([ids[0], "i-gone", ids[1]], ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
        Assert.Equal(0, _cloud.InstanceCount);
        Assert.Equal(3, _log.Calls("DeleteInstances"));
        Assert.Equal(1, _budget!.Throttles);
    }

    [Fact]
    public async Task DeleteInstancesAsync_DescribeReturnsAnInstanceNotAskedAbout_ItIsNotDeleted()
    {
        var paced = Paced();
        var ids = await LaunchedAsync(paced, 2);
        var other = (await ClockDriver.CompleteAsync(_time, paced.LaunchAsync(Request("t-other", 1), ApiPriority.ScaleOut, CancellationToken.None))).Value!;
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.UnknownInstance());

        var deleted = await ClockDriver.CompleteAsync(_time, paced.DeleteInstancesAsync([ids[0], "i-gone"], ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(deleted.IsSuccess);
        Assert.Equal(2, _cloud.InstanceCount);
        Assert.Equal(1, _cloud.Calls[^1].Count);
        Assert.Empty(other.Except((await _cloud.DescribeInstancesAsync(other, CancellationToken.None)).Value!.Select(i => i.InstanceId)));
    }

    [Fact]
    public async Task DeleteInstancesAsync_SingleGoneInstance_IsDeletedWithOneRequest()
    {
        var paced = Paced();
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.UnknownInstance());

        var deleted = await ClockDriver.CompleteAsync(_time, paced.DeleteInstancesAsync(["i-gone"], ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(deleted.IsSuccess);
        Assert.Equal([CloudAction.DeleteInstances], _cloud.Calls.Select(c => c.Action));
    }

    [Fact]
    public async Task DeleteInstancesAsync_NotFoundThatIsNotAnInstance_IsReportedWithoutLookingFurther()
    {
        var paced = Paced();
        var regionGone = new CloudError(CloudErrorKind.NotFound, "InvalidRegionId.NotFound", "no such region");
        _cloud.InjectError(CloudAction.DeleteInstances, regionGone);

        var deleted = await ClockDriver.CompleteAsync(_time, paced.DeleteInstancesAsync(["i-1", "i-2"], ApiPriority.ScaleOut, CancellationToken.None));

        Assert.Equal(regionGone, deleted.Error);
        Assert.Equal([CloudAction.DeleteInstances], _cloud.Calls.Select(c => c.Action));
    }

    [Fact]
    public async Task DeleteInstancesAsync_LookupFails_ReportsTheLookupsError()
    {
        var paced = Paced();
        _cloud.InjectError(CloudAction.DeleteInstances, CloudFaults.UnknownInstance());
        _cloud.InjectError(CloudAction.DescribeInstances, CloudFaults.QuotaExceeded());

        var deleted = await ClockDriver.CompleteAsync(_time, paced.DeleteInstancesAsync(["i-1", "i-2"], ApiPriority.ScaleOut, CancellationToken.None));

        Assert.Equal(CloudErrorKind.QuotaExceeded, deleted.Error!.Kind);
        Assert.Equal([CloudAction.DeleteInstances, CloudAction.DescribeInstances], _cloud.Calls.Select(c => c.Action));
    }

    [Fact]
    public async Task DeleteInstancesAsync_NoIds_CallsNothing()
    {
        var deleted = await Paced().DeleteInstancesAsync([], ApiPriority.ScaleOut, CancellationToken.None);

        Assert.True(deleted.IsSuccess);
        Assert.Empty(_cloud.Calls);
    }

    private PacedCloud Paced()
    {
        _budget = new CloudApiBudget(_policy, new CloudApiBudgetOptions(), _time, NullLogger<CloudApiBudget>.Instance, new CloudApiMetrics(_log.Factory));
        return new PacedCloud(_cloud, _budget, NullLogger<PacedCloud>.Instance);
    }

    private async Task<IReadOnlyList<string>> LaunchedAsync(PacedCloud paced, int amount, string token = "t-1")
    {
        var launched = await ClockDriver.CompleteAsync(_time, paced.LaunchAsync(Request(token, amount), ApiPriority.ScaleOut, CancellationToken.None));
        return launched.Value!;
    }

    /// <summary>Launches <paramref name="amount"/> instances, at most 100 a request as RunInstances allows.</summary>
    private async Task<List<string>> LaunchedManyAsync(PacedCloud paced, int amount)
    {
        var ids = new List<string>();
        for (var batch = 0; ids.Count < amount; batch++)
        {
            ids.AddRange(await LaunchedAsync(paced, Math.Min(LaunchRequest.MaxAmount, amount - ids.Count), $"t-many-{batch}"));
        }

        return ids;
    }

    private List<CloudCall> DescribeCalls() => [.. _cloud.Calls.Where(c => c.Action == CloudAction.DescribeInstances)];

    private static async Task<bool> Answered(Task call)
    {
        await call;
        return true;
    }

    private static LaunchRequest Request(string token, int amount) =>
        new("c1", "g1", token, "img", "ecs.g7.large", "z1", "vsw-1", "sg-1", amount, amount);
}
