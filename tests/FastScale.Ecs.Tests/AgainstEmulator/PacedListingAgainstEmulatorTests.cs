using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>
/// The engine's paced cloud over <see cref="EcsCloud"/> and the emulator, counted on both sides of the wire: every
/// DescribeInstances the emulator answers is one permit and one count on ours. In process (the handler answers inline),
/// so stepping the one fake clock runs the pacing deterministically.
/// </summary>
public sealed class PacedListingAgainstEmulatorTests : IDisposable
{
    private const string Cluster = "c1";
    private const string Describe = "DescribeInstances";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero));
    private readonly CloudApiCallLog _log = new();
    private readonly ScalePolicy _policy = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        _owned.ForEach(o => o.Dispose());
        _log.Dispose();
    }

    [Theory]
    [InlineData(250, 100, 3)]
    [InlineData(25, 10, 3)]
    [InlineData(100, 100, 1)]
    public async Task ListInstancesAsync_ManyPages_EachIsAPermitOfItsOwnAndCounted(int instances, int pageSize, int pages)
    {
        // One DescribeInstances a second: before, every page went out at once under the listing's single permit.
        _policy.Pacing[CloudAction.DescribeInstances] = new ActionPacing { Qps = 1, Burst = 1 };
        var world = Start(pageSize: pageSize);
        var ids = await LaunchAsync(world.Cloud, instances);

        var listed = await CompleteAsync(world.Paced.ListInstancesAsync(Cluster, ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(listed.IsSuccess, listed.Error?.ToString());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Value!.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        var describes = Describes(world.Emulator);
        Assert.Equal(pages, describes.Count);
        Assert.Equal(pages, _log.Calls(Describe));
        Assert.Equal(0, _log.InFlight(Describe));
        Assert.All(describes.Zip(describes.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ListInstancesAsync_EcsThrottlesAPage_OnlyThatPageGoesAgain()
    {
        // The account allows 2 DescribeInstances a second and the policy more: the third page is throttled, and ECS
        // keeps throttling the action until the next minute (00:01:00).
        _policy.Pacing[CloudAction.DescribeInstances] = new ActionPacing { Qps = 20, Burst = 20 };
        var world = Start(describeLimit: 2);
        var ids = await LaunchAsync(world.Cloud, 250);

        var listed = await CompleteAsync(world.Paced.ListInstancesAsync(Cluster, ApiPriority.ScaleOut, CancellationToken.None));

        Assert.True(listed.IsSuccess, listed.Error?.ToString());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Value!.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        var describes = Describes(world.Emulator);
        // A listing started over would have asked for the first two pages again.
        Assert.Equal(3, describes.Count(c => !c.Throttled));
        Assert.Contains(describes, c => c.Throttled);
        Assert.True(describes.Last().At >= new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero));
        Assert.Equal(describes.Count, _log.Calls(Describe));
        Assert.True(world.Budget.Throttles >= 1);
    }

    [Fact]
    public async Task DescribeInstancesAsync_MoreIdsThanThePageSize_IsOnePacedRequest()
    {
        var world = Start(pageSize: 10);
        var ids = await LaunchAsync(world.Cloud, 50);

        var described = await CompleteAsync(world.Paced.DescribeInstancesAsync(ids, ApiPriority.StatusPoll, CancellationToken.None));

        Assert.Equal(ids.Order(StringComparer.Ordinal), described.Value!.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.Single(Describes(world.Emulator));
        Assert.Equal(1, _log.Calls(Describe));
    }

    private (EcsEmulator Emulator, EcsCloud Cloud, PacedCloud Paced, CloudApiBudget Budget) Start(int describeLimit = 10_000, int pageSize = 100)
    {
        var options = new EcsEmulatorOptions { Profile = EmulatorWorld.FixedProfile() };
        foreach (var action in EcsEmulatorOptions.Actions)
        {
            options.QpsLimits[action] = 10_000;
        }

        options.QpsLimits[Describe] = describeLimit;
        var emulator = new EcsEmulator(options, _time);
        var http = new HttpClient(new InProcessEcsHandler(emulator));
        _owned.Add(http);
        var client = new EcsClient(
            http,
            new EcsClientOptions { RegionId = options.RegionId, Endpoint = "127.0.0.1:8080", PageSize = pageSize },
            new EcsCredentials(options.AccessKeyId, options.AccessKeySecret),
            _time,
            NullLogger<EcsClient>.Instance);
        var cloud = new EcsCloud(client, _time);
        var budget = new CloudApiBudget(_policy, new CloudApiBudgetOptions(), _time, NullLogger<CloudApiBudget>.Instance, new CloudApiMetrics(_log.Factory));
        _owned.Add(budget);
        return (emulator, cloud, new PacedCloud(cloud, budget, NullLogger<PacedCloud>.Instance), budget);
    }

    /// <summary>Launched straight through the adapter, unpaced: only the listing under test spends the budget.</summary>
    private static async Task<List<string>> LaunchAsync(EcsCloud cloud, int amount)
    {
        var ids = new List<string>();
        for (var batch = 0; ids.Count < amount; batch++)
        {
            var request = new LaunchRequest(
                Cluster, "g1", $"launch-{batch}", EmulatorWorld.ImageId, EmulatorWorld.InstanceType, EmulatorWorld.Zone, "vsw-wire", "sg-wire",
                Math.Min(LaunchRequest.MaxAmount, amount - ids.Count), 1);
            var launched = await cloud.LaunchAsync(request, CancellationToken.None);
            Assert.True(launched.IsSuccess, launched.Error?.ToString());
            ids.AddRange(launched.Value!);
        }

        return ids;
    }

    private static List<(string Action, DateTimeOffset At, bool Throttled)> Describes(EcsEmulator emulator) =>
        [.. emulator.Counters.MeteredCalls().Where(c => c.Action == Describe)];

    /// <summary>Steps the clock until the task completes; fails instead of hanging when it never does.</summary>
    private async Task<T> CompleteAsync<T>(Task<T> task)
    {
        var deadline = _time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!task.IsCompleted)
        {
            Assert.True(_time.GetUtcNow() < deadline, "the task did not complete in simulated time");
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        return await task;
    }
}
