using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>Stop (economical mode), start and delete against the emulator, through the client, through EcsCloud and through the paced cloud.</summary>
public sealed class StateChangesAgainstEmulatorTests
{
    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task StopThenStart_StopCharging_StoppedInEconomicalModeThenRunningAgain(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var ids = await DescribeInstancesAgainstEmulatorTests.RunAsync(world, 2);
        world.Time.Advance(TimeSpan.FromSeconds(11));

        var stop = await world.Cloud.StopInstancesAsync(ids, economical: true, CancellationToken.None);
        Assert.True(stop.IsSuccess, stop.Error?.ToString());
        Assert.Equal(ids.Order(), stop.Value!.Select(c => c.InstanceId).Order());
        Assert.All(stop.Value!, c => Assert.True(c.IsSuccess, c.Error?.ToString()));
        Assert.All(await DescribeAsync(world, ids), i => Assert.Equal("Stopping", i.Status));
        world.Time.Advance(TimeSpan.FromSeconds(4));
        var stopped = await DescribeAsync(world, ids);
        Assert.All(stopped, i => Assert.Equal(("Stopped", "StopCharging"), (i.Status, i.StoppedMode)));

        var start = await world.Cloud.StartInstancesAsync(ids, CancellationToken.None);
        Assert.True(start.IsSuccess, start.Error?.ToString());
        Assert.All(start.Value!, c => Assert.True(c.IsSuccess, c.Error?.ToString()));
        Assert.All(await DescribeAsync(world, ids), i => Assert.Equal("Starting", i.Status));
        world.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.All(await DescribeAsync(world, ids), i => Assert.Equal("Running", i.Status));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task StartInstances_WhileRunning_InvalidRequest(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var ids = await DescribeInstancesAgainstEmulatorTests.RunAsync(world, 1);
        world.Time.Advance(TimeSpan.FromSeconds(11));

        var start = await world.Cloud.StartInstancesAsync(ids, CancellationToken.None);

        Assert.Equal((CloudErrorKind.InvalidRequest, "IncorrectInstanceStatus"), (start.Error?.Kind, start.Error?.Code));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DeleteInstances_ForceOnRunning_Released(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var ids = await DescribeInstancesAgainstEmulatorTests.RunAsync(world, 3);
        world.Time.Advance(TimeSpan.FromSeconds(11));

        var deleted = await world.Client.DeleteInstancesAsync(ids, force: true, clientToken: "tok-delete", CancellationToken.None);

        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
        Assert.Empty(world.Emulator.Instances());
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DeleteInstances_UnknownIdThroughClient_NotFound(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        var deleted = await world.Client.DeleteInstancesAsync(["i-gone"], force: true, clientToken: null, CancellationToken.None);

        Assert.Equal((CloudErrorKind.NotFound, "InvalidInstanceId.NotFound"), (deleted.Error?.Kind, deleted.Error?.Code));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DeleteInstancesAsync_SomeAlreadyGone_SuccessAndTheRestReleased(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var ids = await DescribeInstancesAgainstEmulatorTests.RunAsync(world, 3);

        var deleted = await world.Paced.DeleteInstancesAsync([ids[0], "i-gone", ids[1], ids[2]], ApiPriority.ScaleOut, CancellationToken.None);
        var again = await world.Paced.DeleteInstancesAsync([ids[0]], ApiPriority.ScaleOut, CancellationToken.None);

        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
        Assert.True(again.IsSuccess, again.Error?.ToString());
        Assert.Empty(world.Emulator.Instances());
    }

    private static async Task<IReadOnlyList<EcsInstance>> DescribeAsync(EmulatorWorld world, IReadOnlyList<string> ids)
    {
        var described = await world.Client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ids }, CancellationToken.None);
        Assert.True(described.IsSuccess, described.Error?.ToString());
        Assert.Equal(ids.Count, described.Value!.Count);
        return described.Value;
    }
}
