using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Engine.Policy;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Serve;

/// <summary>
/// The world <c>serve --embedded</c> runs in: the ECS emulator on a loopback port of this process, speaking the real
/// OpenAPI wire, so the provider talks to it exactly as it would talk to Alibaba Cloud.
/// </summary>
internal sealed class EmbeddedWorld : IAsyncDisposable
{
    private EmbeddedWorld(EcsEmulatorServer ecs, EcsConnection connection)
    {
        Ecs = ecs;
        Connection = connection;
    }

    public EcsEmulatorServer Ecs { get; }

    /// <summary>What the provider's ECS client needs to reach the emulator.</summary>
    public EcsConnection Connection { get; }

    public static async Task<EmbeddedWorld> StartAsync(ScalePolicy policy, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new EcsEmulatorOptions { Listen = "127.0.0.1:0", RegionId = policy.Region };
        foreach (var group in policy.NodeGroups)
        {
            foreach (var zone in group.Zones)
            {
                options.VSwitchZones[zone.VSwitchId] = zone.ZoneId;
            }
        }

        var ecs = await EcsEmulatorServer.StartAsync(options, time, ConsoleLogging.Configure, cancellationToken);
        var connection = new EcsConnection(
            new EcsClientOptions { RegionId = policy.Region, Endpoint = ecs.Address },
            new EcsCredentials(options.AccessKeyId, options.AccessKeySecret));
        return new EmbeddedWorld(ecs, connection);
    }

    public async ValueTask DisposeAsync() => await Ecs.DisposeAsync();
}
