using FastScale.Ecs.Client;
using FastScale.Ecs.Credentials;
using FastScale.Ecs.Tests.Support;
using FastScale.Engine.Cloud;
using FastScale.Engine.Launch;
using FastScale.Engine.Policy;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests.AgainstEmulator;

/// <summary>
/// Our client against our emulator over real loopback HTTP, both on one fake clock (so throttling windows and the
/// state machine move only when a test advances it). Phases are fixed: cold create 10 s (plus 1 ms a place in the
/// regional queue), start 5 s, stop 4 s.
/// QPS limits are high unless a test sets its own.
/// </summary>
internal sealed class EmulatorWorld : IAsyncDisposable
{
    public const string Region = "cn-hangzhou";
    public const string ImageId = "m-bp1g7004ksh0oeuc4z6c";
    public const string InstanceType = "ecs.g7.large";
    public const string Zone = "cn-hangzhou-h";

    private readonly List<HttpClient> _clients = [];

    private EmulatorWorld(EcsEmulatorServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
    }

    /// <summary>Starts at 00:00:30, so a test has half a minute before the next minute begins.</summary>
    public FakeTimeProvider Time { get; }

    public EcsEmulatorServer Server { get; }

    public EcsEmulator Emulator => Server.Emulator;

    public EcsClient Client { get; private set; } = null!;

    public EcsCloud Cloud { get; private set; } = null!;

    /// <summary><see cref="Cloud"/> as the engine calls it: every request paced and counted (default pacing).</summary>
    public PacedCloud Paced { get; private set; } = null!;

    private CloudApiBudget Budget { get; set; } = null!;

    public static async Task<EmulatorWorld> StartAsync(EcsSignatureVersion version, Action<EcsEmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero));
        var options = new EcsEmulatorOptions { Profile = FixedProfile() };
        foreach (var action in EcsEmulatorOptions.Actions)
        {
            options.QpsLimits[action] = 10_000;
        }

        configure?.Invoke(options);
        var world = new EmulatorWorld(await EcsEmulatorServer.StartAsync(options, time), time);
        world.Client = world.NewClient(version);
        world.Cloud = new EcsCloud(world.Client, time);
        world.Budget = new CloudApiBudget(new ScalePolicy(), new CloudApiBudgetOptions(), time, NullLogger<CloudApiBudget>.Instance);
        world.Paced = new PacedCloud(world.Cloud, world.Budget, NullLogger<PacedCloud>.Instance);
        return world;
    }

    /// <summary>Another client of the same emulator: other credentials, or its own clock.</summary>
    public EcsClient NewClient(
        EcsSignatureVersion version,
        string accessKeyId = ClientHarness.AccessKeyId,
        string secret = ClientHarness.Secret,
        TimeProvider? clock = null)
    {
        var http = new HttpClient();
        _clients.Add(http);
        var options = new EcsClientOptions { RegionId = Region, Endpoint = Server.Address, SignatureVersion = version };
        return new EcsClient(http, options, new EcsCredentials(accessKeyId, secret), clock ?? Time, NullLogger<EcsClient>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        Budget.Dispose();
        foreach (var http in _clients)
        {
            http.Dispose();
        }

        await Server.DisposeAsync();
    }

    internal static LatencyProfile FixedProfile() => new()
    {
        Name = "wire-tests",
        ProvisioningPerSecond = 1000,
        ColdProvisioning = PhaseDistribution.Fixed(TimeSpan.FromSeconds(10)),
        StartProvisioning = PhaseDistribution.Fixed(TimeSpan.FromSeconds(5)),
        Stop = PhaseDistribution.Fixed(TimeSpan.FromSeconds(4)),
        Boot = new Dictionary<string, PhaseDistribution>
        {
            ["general"] = PhaseDistribution.Fixed(TimeSpan.FromSeconds(80)),
            ["prebaked"] = PhaseDistribution.Fixed(TimeSpan.FromSeconds(2)),
        },
        DefaultImageKind = "general",
        Registration = PhaseDistribution.Fixed(TimeSpan.FromSeconds(1)),
        Readiness = PhaseDistribution.Fixed(TimeSpan.FromSeconds(1)),
    };
}
