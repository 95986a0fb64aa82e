using FastScale.Simulation.Hosting;
using FastScale.Simulation.LatencyModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastScale.Simulation.Ecs.Hosting;

/// <summary>
/// The ECS emulator on its own Kestrel listener (plain HTTP/1.1, loopback unless told otherwise). Start with
/// <see cref="StartAsync"/>; <see cref="Address"/> is the bound HOST:PORT (what the SDK takes as its endpoint), and
/// <see cref="Emulator"/> gives in-process access to instances, counters and fault injection.
/// </summary>
public sealed class EcsEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EcsEmulatorServer(WebApplication app, EcsEmulator emulator, string address, EcsBrownout brownout)
    {
        _app = app;
        Emulator = emulator;
        Address = address;
        Brownout = brownout;
    }

    /// <summary>A window in which a share of the calls fail or time out (none until scheduled).</summary>
    public EcsBrownout Brownout { get; }

    public EcsEmulator Emulator { get; }

    public EcsEmulatorCounters Counters => Emulator.Counters;

    public EcsFaultInjection Faults => Emulator.Faults;

    /// <summary>The bound address as HOST:PORT, e.g. <c>127.0.0.1:43817</c>.</summary>
    public string Address { get; }

    public Uri BaseUri => new($"http://{Address}/");

    /// <param name="time">The emulator's clock (default: the system clock). A fake clock works: nothing runs on timers.</param>
    /// <param name="configureLogging">Logging of the listener and the emulator; default: none.</param>
    public static async Task<EcsEmulatorServer> StartAsync(
        EcsEmulatorOptions options,
        TimeProvider? time = null,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"invalid ECS emulator options: {string.Join("; ", problems)}", nameof(options));
        }

        ListenAddress.TryParse(options.Listen, out var endpoint, out _);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton<EcsEmulator>();
        var app = builder.Build();
        var emulator = app.Services.GetRequiredService<EcsEmulator>();
        var clock = time ?? TimeProvider.System;
        var brownout = new EcsBrownout(clock);
        app.UseEcsBrownout(brownout, options, clock);
        app.MapEcsEmulator(emulator);
        await app.StartAsync(cancellationToken);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new Uri(bound).Authority;
        var logger = app.Services.GetRequiredService<ILogger<EcsEmulatorServer>>();
        Log.Listening(logger, options.RegionId, address, options.AccessKeyId, emulator.Profile.Name);
        return new EcsEmulatorServer(app, emulator, address, brownout);
    }

    /// <summary>Completes when the server stops (<see cref="StopAsync"/>, or the token passed to it).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
