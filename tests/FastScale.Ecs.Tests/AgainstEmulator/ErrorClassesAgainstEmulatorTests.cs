using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>Every error class the emulator can produce, as our client classifies it.</summary>
public sealed class ErrorClassesAgainstEmulatorTests
{
    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task AnyCall_WrongSecret_Unauthorized(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var client = world.NewClient(version, secret: "not-the-secret");

        var result = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal((CloudErrorKind.Unauthorized, "SignatureDoesNotMatch"), (result.Error?.Kind, result.Error?.Code));
        Assert.DoesNotContain("not-the-secret", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task AnyCall_UnknownAccessKey_Unauthorized(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var client = world.NewClient(version, accessKeyId: "LTAI-unknown");

        var result = await client.RunInstancesAsync(Launch.Of(1), CancellationToken.None);

        Assert.Equal((CloudErrorKind.Unauthorized, "InvalidAccessKeyId.NotFound"), (result.Error?.Kind, result.Error?.Code));
        Assert.Empty(world.Emulator.Instances());
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task AnyCall_ClientClockTwentyMinutesBehind_Unauthorized(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var staleClock = new FakeTimeProvider(world.Time.GetUtcNow() - TimeSpan.FromMinutes(20));
        var client = world.NewClient(version, clock: staleClock);

        var result = await client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal((CloudErrorKind.Unauthorized, "InvalidTimeStamp.Expired"), (result.Error?.Kind, result.Error?.Code));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task AnyCall_Injected503_TransientAndTheRetrySucceeds(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        world.Server.Faults.FailNext("RunInstances", "ServiceUnavailable", 503);

        var failed = await world.Client.RunInstancesAsync(Launch.Of(2, "tok-503"), CancellationToken.None);
        var retried = await world.Client.RunInstancesAsync(Launch.Of(2, "tok-503"), CancellationToken.None);

        Assert.Equal((CloudErrorKind.Transient, "ServiceUnavailable"), (failed.Error?.Kind, failed.Error?.Code));
        Assert.False(string.IsNullOrEmpty(failed.Error!.RequestId));
        Assert.Equal(2, retried.Value!.InstanceIds.Count);
        Assert.Equal(2, world.Emulator.Instances().Count);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task AnyCall_TransientShareOfOne_EveryCallTransient(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        world.Server.Faults.SetPlan(new FaultShares { TransientErrors = 1 });

        var result = await world.Client.DescribeInstancesAsync(new DescribeInstancesRequest(), CancellationToken.None);

        Assert.Equal(CloudErrorKind.Transient, result.Error?.Kind);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_VSwitchOutOfIps_OutOfStockForTheWholeVSwitch(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        world.Server.Faults.SetFreeIps("vsw-wire", 0);

        var result = await world.Cloud.LaunchAsync(
            new LaunchRequest("c1", "g1", "tok-ip", EmulatorWorld.ImageId, EmulatorWorld.InstanceType, EmulatorWorld.Zone, "vsw-wire", "sg-1", 2, 1),
            CancellationToken.None);

        Assert.Equal((CloudErrorKind.OutOfStock, "InvalidVSwitchId.IpNotEnough", CapacityScope.VSwitch),
            (result.Error?.Kind, result.Error?.Code, result.Error?.Scope));
        Assert.False(string.IsNullOrEmpty(result.Error!.RequestId));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_InjectedZoneNotOnSale_OutOfStockForTheOffering(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        world.Server.Faults.SetOfferingError(EmulatorWorld.InstanceType, EmulatorWorld.Zone, "Zone.NotOnSale");

        var result = await world.Client.RunInstancesAsync(Launch.Of(2), CancellationToken.None);

        Assert.Equal((CloudErrorKind.OutOfStock, "Zone.NotOnSale", CapacityScope.Offering), (result.Error?.Kind, result.Error?.Code, result.Error?.Scope));
        Assert.Empty(world.Emulator.Instances());
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task StartInstances_UnknownId_NotFound(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        var result = await world.Client.StartInstancesAsync(["i-unknown"], CancellationToken.None);

        Assert.Equal((CloudErrorKind.NotFound, "InvalidInstanceId.NotFound"), (result.Error?.Kind, result.Error?.Code));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DescribeInstances_UnknownStatusWord_InvalidRequest(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);

        var result = await world.Client.DescribeInstancesAsync(new DescribeInstancesRequest { Status = "Sleeping" }, CancellationToken.None);

        Assert.Equal((CloudErrorKind.InvalidRequest, "InvalidParameter"), (result.Error?.Kind, result.Error?.Code));
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_UserDataNotBase64_InvalidRequest(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version);
        var request = Launch.Of(1);

        var result = await world.Client.RunInstancesAsync(
            new RunInstancesRequest
            {
                Amount = 1, ImageId = request.ImageId, InstanceType = request.InstanceType, ZoneId = request.ZoneId, UserData = "not base64!",
            },
            CancellationToken.None);

        Assert.Equal(CloudErrorKind.InvalidRequest, result.Error?.Kind);
        Assert.Empty(world.Emulator.Instances());
    }
}
