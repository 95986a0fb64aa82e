using FastScale.Ecs.Actions;
using FastScale.Ecs.Client;
using FastScale.Engine.Cloud;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>
/// ECS flow control as the client sees it: once an action is throttled in minute T, every call of it is throttled until
/// minute T+1 begins, then calls succeed again; other actions are not affected.
/// </summary>
public sealed class ThrottledMinuteTests
{
    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task DescribeInstances_OverLimitInMinuteT_ThrottledUntilMinuteTPlusOne(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version, o => o.QpsLimits["DescribeInstances"] = 2);
        var any = new DescribeInstancesRequest();

        Assert.True((await world.Client.DescribeInstancesAsync(any, CancellationToken.None)).IsSuccess);
        Assert.True((await world.Client.DescribeInstancesAsync(any, CancellationToken.None)).IsSuccess);
        var third = await world.Client.DescribeInstancesAsync(any, CancellationToken.None);
        Assert.Equal(CloudErrorKind.Throttled, third.Error?.Kind);
        Assert.StartsWith("Throttling", third.Error!.Code, StringComparison.Ordinal);

        // 00:00:31 to 00:00:59.999: a new second, well under the limit, and still throttled.
        world.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CloudErrorKind.Throttled, (await world.Client.DescribeInstancesAsync(any, CancellationToken.None)).Error?.Kind);
        world.Time.Advance(TimeSpan.FromSeconds(29) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CloudErrorKind.Throttled, (await world.Client.DescribeInstancesAsync(any, CancellationToken.None)).Error?.Kind);
        var otherAction = await world.Client.RunInstancesAsync(Launch.Of(1), CancellationToken.None);
        Assert.True(otherAction.IsSuccess, otherAction.Error?.ToString());

        world.Time.Advance(TimeSpan.FromMilliseconds(1));
        var nextMinute = await world.Client.DescribeInstancesAsync(any, CancellationToken.None);

        Assert.True(nextMinute.IsSuccess, nextMinute.Error?.ToString());
        Assert.Single(nextMinute.Value!);
    }

    [Theory]
    [InlineData(EcsSignatureVersion.V3)]
    [InlineData(EcsSignatureVersion.V1)]
    public async Task RunInstances_BeyondCreationCapPerMinute_ThrottledUntilNextMinute(EcsSignatureVersion version)
    {
        await using var world = await EmulatorWorld.StartAsync(version, o => o.InstancesPerMinute = 150);

        var first = await world.Client.RunInstancesAsync(Launch.Of(100), CancellationToken.None);
        var second = await world.Client.RunInstancesAsync(Launch.Of(100), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromSeconds(30));
        var nextMinute = await world.Client.RunInstancesAsync(Launch.Of(100), CancellationToken.None);

        Assert.True(first.IsSuccess);
        Assert.Equal(CloudErrorKind.Throttled, second.Error?.Kind);
        Assert.True(nextMinute.IsSuccess, nextMinute.Error?.ToString());
    }
}
