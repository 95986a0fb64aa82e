using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;
using FastScale.Testing.Cloud;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>RunInstances from our client, answered by our emulator over loopback HTTP, with both signature versions.</summary>
public sealed class RunInstancesAgainstEmulatorTests
{
    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_WithTags_InstancesRunAndDescribeWithTheirTags(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        var run = await world.Client.RunInstancesAsync(
            Launch.Of(3, "tok-tags", tags: [new("fastscale.io/group", "g1"), new("awkward", "a b*c~(x)!'")]), CancellationToken.None);
        Assert.True(run.IsSuccess, run.Error?.ToString());
        var ids = run.Value!.InstanceIds;
        world.Time.Advance(TimeSpan.FromSeconds(11));
        var described = await world.Client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ids }, CancellationToken.None);
        var byAwkwardTag = await world.Client.DescribeInstancesAsync(
            new DescribeInstancesRequest { Tags = [new("awkward", "a b*c~(x)!'")] }, CancellationToken.None);

        Assert.Equal(3, ids.Count);
        Assert.False(string.IsNullOrEmpty(run.Value.RequestId));
        Assert.Equal(ids.Order(), described.Value!.Select(i => i.InstanceId).Order());
        Assert.Equal(ids.Order(), byAwkwardTag.Value!.Select(i => i.InstanceId).Order());
        Assert.All(described.Value!, i =>
        {
            Assert.Equal("Running", i.Status);
            Assert.Equal(EmulatorWorld.ImageId, i.ImageId);
            Assert.Equal((EmulatorWorld.InstanceType, EmulatorWorld.Zone), (i.InstanceType, i.ZoneId));
            Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), i.CreationTime);
            Assert.Equal("g1", i.Tags["fastscale.io/group"]);
            Assert.Equal("a b*c~(x)!'", i.Tags["awkward"]);
        });
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_RetriedWithSameClientToken_SameIdsAndNothingNewCreated(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        var first = await world.Client.RunInstancesAsync(Launch.Of(5, "tok-retry"), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromSeconds(2));
        var retry = await world.Client.RunInstancesAsync(Launch.Of(5, "tok-retry"), CancellationToken.None);

        Assert.True(retry.IsSuccess, retry.Error?.ToString());
        Assert.Equal(first.Value!.InstanceIds, retry.Value!.InstanceIds);
        Assert.Equal(5, world.Emulator.Instances().Count);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_SameClientTokenOtherParameters_IdempotencyMismatch(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        await world.Client.RunInstancesAsync(Launch.Of(2, "tok-mismatch"), CancellationToken.None);
        var other = await world.Client.RunInstancesAsync(Launch.Of(3, "tok-mismatch"), CancellationToken.None);

        Assert.Equal(CloudErrorKind.IdempotencyMismatch, other.Error?.Kind);
        Assert.Equal("IdempotentParameterMismatch", other.Error!.Code);
        Assert.False(string.IsNullOrEmpty(other.Error.RequestId));
        Assert.Equal(2, world.Emulator.Instances().Count);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_PartialStockWithMinAmount_CreatesWhatIsInStock(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        world.Server.Faults.SetStock(EmulatorWorld.InstanceType, EmulatorWorld.Zone, 7);

        var partial = await world.Client.RunInstancesAsync(Launch.Of(10, minAmount: 5), CancellationToken.None);

        Assert.True(partial.IsSuccess, partial.Error?.ToString());
        Assert.Equal(7, partial.Value!.InstanceIds.Count);
        Assert.Equal(0, world.Server.Faults.StockOf(EmulatorWorld.InstanceType, EmulatorWorld.Zone));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_StockBelowAmountWithoutMinAmount_OutOfStockAndNothingCreated(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        world.Server.Faults.SetStock(EmulatorWorld.InstanceType, EmulatorWorld.Zone, 7);

        var allOrNothing = await world.Client.RunInstancesAsync(Launch.Of(10), CancellationToken.None);
        var belowMin = await world.Client.RunInstancesAsync(Launch.Of(10, minAmount: 8), CancellationToken.None);

        Assert.Equal((CloudErrorKind.OutOfStock, "OperationDenied.NoStock"), (allOrNothing.Error?.Kind, allOrNothing.Error?.Code));
        Assert.Equal(CloudErrorKind.OutOfStock, belowMin.Error?.Kind);
        Assert.Empty(world.Emulator.Instances());
        Assert.Equal(7, world.Server.Faults.StockOf(EmulatorWorld.InstanceType, EmulatorWorld.Zone));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_BeyondAccountQuota_QuotaExceeded(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version, o => o.InstanceQuota = 4);

        await world.Client.RunInstancesAsync(Launch.Of(3), CancellationToken.None);
        var over = await world.Client.RunInstancesAsync(Launch.Of(2), CancellationToken.None);

        Assert.Equal((CloudErrorKind.QuotaExceeded, "QuotaExceed.ElasticQuota"), (over.Error?.Kind, over.Error?.Code));
        Assert.Equal(3, world.Emulator.Instances().Count);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task LaunchAsync_ThroughEcsCloud_InstancesCarryOwnershipTags(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        var launched = await world.Cloud.LaunchAsync(
            new LaunchRequest("c1", "g1", "tok-cloud", EmulatorWorld.ImageId, EmulatorWorld.InstanceType, EmulatorWorld.Zone, "vsw-1", "sg-1", 4, 0),
            CancellationToken.None);
        var listed = await world.Cloud.ListAllPagesAsync("c1", CancellationToken.None);

        Assert.Equal(4, launched.Value!.Count);
        Assert.Equal(launched.Value.Order(), listed.Value!.Select(i => i.InstanceId).Order());
        Assert.All(listed.Value!, i => Assert.Equal(("g1", CloudInstanceStatus.Pending), (i.GroupId, i.Status)));
    }
}
