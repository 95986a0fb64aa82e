using FastScale.Engine.Policy;
using FastScale.Grpc.CloudProvider;
using FastScale.Grpc.Protos;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using FastScale.Testing.Cloud;

namespace FastScale.LoadTests.Grpc;

/// <summary>
/// Measures the provider through the real HTTP/2 path the autoscaler uses: NodeGroupForNode on a group of 5,000
/// instances (sequential, as the autoscaler calls it, and 4 callers at once), NodeGroupNodes of that group, and
/// IncreaseSize(1000). Prints figures; asserts nothing, because the machine is shared and timing is noisy.
/// </summary>
internal static class ProviderBenchmark
{
    private const string Service = CloudProviderService.ServiceName;

    public static async Task<int> RunAsync(int instances, int calls)
    {
        var policy = new ScalePolicy
        {
            ClusterId = "bench",
            Region = "cn-hangzhou",
            NodeGroups =
            [
                Group("big", instances),
                Group("burst", 1_000_000),
            ],
        };
        await using var app = ProviderApp.Build(new ServeSettings
        {
            Policy = policy,
            Grpc = new GrpcListenOptions { Listen = "127.0.0.1:0" },
            Cloud = InMemoryCloud.Factory(new InMemoryCloudOptions { ProvisionDelay = TimeSpan.Zero }),
            // Console logging of every launch would compete with the calls being measured.
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync();
        using var client = new GrpcClient(ProviderApp.GrpcAddress(app));
        var time = TimeProvider.System;

        Console.WriteLine($"Filling group 'big' with {instances} instances…");
        await WaitRecoveredAsync(client);
        await client.UnaryAsync(Service, "NodeGroupIncreaseSize", new NodeGroupIncreaseSizeRequest { Id = "big", Delta = instances }, NodeGroupIncreaseSizeResponse.Parser);
        NodeGroupNodesResponse nodes;
        while ((nodes = await client.UnaryAsync(Service, "NodeGroupNodes", new NodeGroupNodesRequest { Id = "big" }, NodeGroupNodesResponse.Parser)).Instances.Count < instances)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        var ids = nodes.Instances.Select(i => i.Id).ToArray();
        var requests = ids.Select((id, n) => new NodeGroupForNodeRequest { Node = new ExternalGrpcNode { ProviderID = id, Name = $"node-{n}" } }).ToArray();

        // Warm up the connection, the JIT and the server's pools before measuring.
        for (var i = 0; i < 2000; i++)
        {
            await client.UnaryAsync(Service, "NodeGroupForNode", requests[i % requests.Length], NodeGroupForNodeResponse.Parser);
        }

        Console.WriteLine($"Server: in-process Kestrel h2c on {ProviderApp.GrpcAddress(app)}; {Environment.ProcessorCount} cores");
        var sequential = new LatencyRecorder(time);
        sequential.Start();
        for (var i = 0; i < calls; i++)
        {
            var answer = await sequential.MeasureAsync(() => client.UnaryAsync(Service, "NodeGroupForNode", requests[i % requests.Length], NodeGroupForNodeResponse.Parser));
            if (answer.NodeGroup.Id != "big")
            {
                throw new InvalidOperationException($"NodeGroupForNode answered '{answer.NodeGroup.Id}' for {requests[i % requests.Length].Node.ProviderID}");
            }
        }

        sequential.Stop();
        Console.WriteLine(sequential.Summary("NodeGroupForNode (1 caller)"));

        var parallel = new LatencyRecorder(time);
        parallel.Start();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = worker; i < calls; i += 4)
            {
                await parallel.MeasureAsync(() => client.UnaryAsync(Service, "NodeGroupForNode", requests[i % requests.Length], NodeGroupForNodeResponse.Parser));
            }
        }));
        parallel.Stop();
        Console.WriteLine(parallel.Summary("NodeGroupForNode (4 callers)"));

        var listing = new LatencyRecorder(time);
        listing.Start();
        for (var i = 0; i < 200; i++)
        {
            await listing.MeasureAsync(() => client.UnaryAsync(Service, "NodeGroupNodes", new NodeGroupNodesRequest { Id = "big" }, NodeGroupNodesResponse.Parser));
        }

        listing.Stop();
        Console.WriteLine(listing.Summary($"NodeGroupNodes ({instances} instances)"));

        var increase = new LatencyRecorder(time);
        increase.Start();
        for (var i = 0; i < 50; i++)
        {
            await increase.MeasureAsync(() => client.UnaryAsync(Service, "NodeGroupIncreaseSize", new NodeGroupIncreaseSizeRequest { Id = "burst", Delta = 1000 }, NodeGroupIncreaseSizeResponse.Parser));
        }

        increase.Stop();
        Console.WriteLine(increase.Summary("NodeGroupIncreaseSize (delta 1000)"));

        Console.WriteLine();
        Console.WriteLine($"Targets: ForNode p99 <= 1 ms and >= 10000 calls/s; IncreaseSize(1000) <= 50 ms. " +
                          $"Measured ForNode p99 {sequential.P99:0.000} ms, IncreaseSize p99 {increase.P99:0.000} ms.");
        await app.StopAsync();
        return 0;
    }

    private static async Task WaitRecoveredAsync(GrpcClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.UnaryAsync(Service, "NodeGroupTargetSize", new NodeGroupTargetSizeRequest { Id = "big" }, NodeGroupTargetSizeResponse.Parser);
                return;
            }
            catch (GrpcStatusException e) when (e.StatusCode == GrpcStatusCode.Unavailable && attempt < 100)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
        }
    }

    private static NodeGroupPolicy Group(string id, int max) => new()
    {
        Id = id,
        MaxSize = max,
        ImageId = "m-bench",
        InstanceTypes = ["ecs.g7.large"],
        Zones = [new ZonePolicy { ZoneId = "cn-hangzhou-h", VSwitchId = "vsw-h" }],
        SecurityGroupId = "sg-bench",
        Resources = new NodeResources { Cpu = "2", Memory = "8Gi", Pods = "110" },
    };
}
