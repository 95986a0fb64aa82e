using System.Globalization;
using System.Net;
using FastScale.Simulation.Cluster.Http;
using FastScale.Simulation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastScale.Simulation.Cluster;

/// <summary>
/// The cluster simulator on a real socket: a Kubernetes API subset over plain HTTP (any bearer token accepted) or,
/// with <see cref="ClusterSimulatorOptions.Security"/>, over HTTPS with the credentials it names,
/// backed by a <see cref="ClusterStore"/> that callers in the same process may seed and inspect directly.
/// <code>
/// await using var cluster = await ClusterSimulatorServer.StartAsync(new() { Listen = "127.0.0.1:0" });
/// cluster.Store.Create(ResourceKind.Nodes, node);   // in-process seeding
/// // clients talk to cluster.Address (http://127.0.0.1:PORT)
/// </code>
/// </summary>
public sealed class ClusterSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClusterSimulatorServer(WebApplication app, ClusterStore store, Uri address, ClusterApiFaults faults, ClusterAuthenticator authenticator)
    {
        _app = app;
        Store = store;
        Address = address;
        Faults = faults;
        Authenticator = authenticator;
    }

    /// <summary>Outages and slow spells of the API, scheduled on the simulator's clock.</summary>
    public ClusterApiFaults Faults { get; }

    /// <summary>Who each request was, and the credentials accepted (see <see cref="ClusterSimulatorOptions.Security"/>).</summary>
    public ClusterAuthenticator Authenticator { get; }

    /// <summary>The store behind the API: seed objects, read them, watch counters.</summary>
    public ClusterStore Store { get; }

    /// <summary><c>http://HOST:PORT/</c> as bound (with port 0, the port the OS chose).</summary>
    public Uri Address { get; }

    public ClusterSimulatorCounters Counters => Store.Counters;

    public static async Task<ClusterSimulatorServer> StartAsync(
        ClusterSimulatorOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ClusterSimulatorOptions();
        var problems = options.Validate().ToList();
        if (!TryParseListen(options.Listen, out var endpoint, out var listenError))
        {
            problems.Add(listenError);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid cluster simulator options: " + string.Join("; ", problems), nameof(options));
        }

        var store = new ClusterStore(options, timeProvider);
        var authenticator = new ClusterAuthenticator(options.Security);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (options.Security?.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificateSelector = (_, serverName) =>
                        {
                            authenticator.RecordServerName(serverName);
                            return certificate;
                        },
                        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                        // Judged per request by the authenticator, as the API server maps a bad certificate to 401.
                        ClientCertificateValidation = (_, _, _) => true,
                    });
                }
            });
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        var faults = new ClusterApiFaults(store.Time);
        var handler = new ClusterApiHandler(store, options.WriteLatency, store.Time, faults);
        app.Run(context => authenticator.HandleAsync(context, handler.HandleAsync));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            store.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new ClusterSimulatorServer(app, store, new Uri(bound.EndsWith('/') ? bound : bound + "/"), faults, authenticator);
        Log.Listening((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FastScale.Simulation.Cluster"), server.Address.Authority);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the store first ends every open watch, so the host does not wait for them to time out.
        Store.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>HOST:PORT with an IP address or <c>localhost</c>; port 0 lets the OS choose.</summary>
    public static bool TryParseListen(string value, out IPEndPoint endpoint, out string error)
    {
        endpoint = null!;
        error = "";
        var colon = value.LastIndexOf(':');
        var host = colon > 0 ? value[..colon].Trim('[', ']') : "";
        IPAddress? address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            error = $"listen address '{value}' is not HOST:PORT with an IP address or localhost (for example 127.0.0.1:6443)";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
