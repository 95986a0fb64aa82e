using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>DescribeInstances by ids (batches of 100) and by tags (NextToken paging) against the emulator.</summary>
public sealed class DescribeInstancesAgainstEmulatorTests
{
    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DescribeInstances_250Ids_AllFoundInThreeCalls(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var ids = await RunAsync(world, 250, new EcsTag("pool", "a"));
        var callsBefore = world.Server.Counters.Calls("DescribeInstances");

        var described = await world.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { InstanceIds = [.. ids, "i-not-there"] }, CancellationToken.None);

        Assert.True(described.IsSuccess, described.Error?.ToString());
        Assert.Equal(ids.Order(), described.Value!.Select(i => i.InstanceId).Order());
        Assert.Equal(3, world.Server.Counters.Calls("DescribeInstances") - callsBefore);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DescribeInstances_ByTags_FollowsNextTokenAcross250AndSkipsOtherTags(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var mine = await RunAsync(world, 250, new EcsTag("cluster", "c1"), new EcsTag("group", "g1"));
        await RunAsync(world, 30, new EcsTag("cluster", "c1"), new EcsTag("group", "g2"));
        var callsBefore = world.Server.Counters.Calls("DescribeInstances");

        var described = await world.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { Tags = [new("cluster", "c1"), new("group", "g1")] }, CancellationToken.None);

        Assert.True(described.IsSuccess, described.Error?.ToString());
        Assert.Equal(mine.Order(), described.Value!.Select(i => i.InstanceId).Order());
        Assert.Equal(3, world.Server.Counters.Calls("DescribeInstances") - callsBefore);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DescribeInstances_StatusFilter_OnlyThatStatus(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var early = await RunAsync(world, 3);
        world.Time.Advance(TimeSpan.FromSeconds(5));
        await RunAsync(world, 2);
        world.Time.Advance(TimeSpan.FromSeconds(6));

        var running = await world.Client.DescribeInstancesAsync(new DescribeInstancesRequest { Status = "Running" }, CancellationToken.None);

        Assert.Equal(early.Order(), running.Value!.Select(i => i.InstanceId).Order());
    }

    internal static async Task<List<string>> RunAsync(EmulatorWorld world, int count, params EcsTag[] tags)
    {
        var ids = new List<string>();
        for (var left = count; left > 0; left -= RunInstancesRequest.MaxAmount)
        {
            var run = await world.Client.RunInstancesAsync(Launch.Of(Math.Min(left, RunInstancesRequest.MaxAmount), tags: tags), CancellationToken.None);
            Assert.True(run.IsSuccess, run.Error?.ToString());
            ids.AddRange(run.Value!.InstanceIds);
        }

        return ids;
    }
}
