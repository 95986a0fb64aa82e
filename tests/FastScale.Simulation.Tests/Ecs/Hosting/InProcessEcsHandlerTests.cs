using FastScale.Ecs;
using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Cloud;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Testing.Cloud;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Simulation.Tests.Ecs.Hosting;

/// <summary>The provider's own ECS client and cloud adapter over the emulator in process: same signed wire, no socket.</summary>
public sealed class InProcessEcsHandlerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero));

    [Fact]
    public async Task LaunchAndDescribe_ThroughTheRealClient_CompleteSynchronouslyAndSeeTheEmulatorsInstances()
    {
        var options = new EcsEmulatorOptions { Profile = TestProfiles.Fixed() };
        var emulator = new EcsEmulator(options, _time);
        using var http = new HttpClient(new InProcessEcsHandler(emulator));
        var client = new EcsClient(http, new EcsClientOptions { RegionId = options.RegionId, Endpoint = "127.0.0.1:8080" },
            new EcsCredentials(options.AccessKeyId, options.AccessKeySecret), _time, NullLogger<EcsClient>.Instance);
        var cloud = new EcsCloud(client, _time);

        var launch = cloud.LaunchAsync(
            new LaunchRequest("c1", "g1", "token-1", "m-img", "ecs.g7.large", "cn-hangzhou-h", "vsw-1", "sg-1", Amount: 3, MinAmount: 1), CancellationToken.None);
        // Answered before LaunchAsync returns: what lets simulated time run the engine's continuations inline.
        Assert.True(launch.IsCompleted);
        var ids = (await launch).Value!;
        _time.Advance(TimeSpan.FromSeconds(60));
        var described = await cloud.DescribeInstancesAsync(ids, CancellationToken.None);

        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Order(), described.Value!.Select(i => i.InstanceId).Order());
        Assert.All(described.Value!, i => Assert.Equal(CloudInstanceStatus.Running, i.Status));
        Assert.Equal(1, emulator.Counters.Calls("RunInstances"));
    }

    [Fact]
    public async Task Send_WrongSecret_IsRefusedByTheEmulatorsSignatureCheck()
    {
        var options = new EcsEmulatorOptions { Profile = TestProfiles.Fixed() };
        using var http = new HttpClient(new InProcessEcsHandler(new EcsEmulator(options, _time)));
        var client = new EcsClient(http, new EcsClientOptions { RegionId = options.RegionId, Endpoint = "127.0.0.1:8080" },
            new EcsCredentials(options.AccessKeyId, "not-the-secret"), _time, NullLogger<EcsClient>.Instance);

        var listed = await new EcsCloud(client, _time).ListAllPagesAsync("c1", CancellationToken.None);

        Assert.Equal(CloudErrorKind.Unauthorized, listed.Error!.Kind);
    }
}
