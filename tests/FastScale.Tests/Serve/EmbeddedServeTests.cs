using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Serve;

namespace FastScale.Tests.Serve;

/// <summary>
/// <c>serve --embedded</c> as a whole: the provider's ECS client drives the in-process emulator over loopback HTTP with
/// signed requests, and what the autoscaler asks for turns into tagged ECS instances.
/// </summary>
public sealed class EmbeddedServeTests
{
    private const string Service = CloudProviderService.ServiceName;

    [Fact]
    public async Task IncreaseSize_OnTheEmbeddedWorld_CreatesTaggedEcsInstancesReportedByProviderId()
    {
        var policy = EmbeddedPolicy.Load().Policy!;
        await using var world = await EmbeddedWorld.StartAsync(policy, TimeProvider.System, CancellationToken.None);
        await using var app = ProviderApp.Build(new ServeSettings
        {
            Policy = policy,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            MetricsListen = null,
            Ecs = world.Connection,
        });
        await app.StartAsync();
        using var client = new GrpcClient(ProviderApp.GrpcAddress(app));

        await RetryWhileUnavailableAsync(() => client.UnaryAsync(Service, "NodeGroupIncreaseSize",
            new NodeGroupIncreaseSizeRequest { Id = "general", Delta = 3 }, NodeGroupIncreaseSizeResponse.Parser));
        var nodes = await PollAsync(
            () => client.UnaryAsync(Service, "NodeGroupNodes", new NodeGroupNodesRequest { Id = "general" }, NodeGroupNodesResponse.Parser),
            answer => answer.Instances.Count == 3);

        var instances = world.Ecs.Emulator.Instances();
        Assert.Equal(3, instances.Count);
        Assert.Equal(
            instances.Select(i => $"{policy.Region}.{i.InstanceId}").Order(),
            nodes.Instances.Select(i => i.Id).Order());
        Assert.All(instances, i => Assert.Contains(new KeyValuePair<string, string>("fastscale.io/node-group", "general"), i.Tags));
        Assert.Equal(0, world.Ecs.Counters.ErrorsByCode.GetValueOrDefault("SignatureDoesNotMatch"));

        await app.StopAsync();
    }

    private static async Task RetryWhileUnavailableAsync(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (GrpcStatusException e) when (e.StatusCode == GrpcStatusCode.Unavailable && attempt < 200)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException("the provider did not reach the expected state within 15 s");
    }
}
