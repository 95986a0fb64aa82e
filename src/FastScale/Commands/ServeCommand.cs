using System.CommandLine;
using FastScale.Engine.Policy;
using FastScale.Grpc.Transport;
using FastScale.Serve;
using Microsoft.Extensions.Hosting;

namespace FastScale.Commands;

/// <summary><c>fastscale serve</c>: the externalgrpc cloud provider.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy") { Description = "Scale policy YAML (default with --embedded: the built-in sample policy)" };
        var listen = new Option<string>("--listen") { Description = "gRPC listen address HOST:PORT", DefaultValueFactory = _ => "127.0.0.1:8086" };
        var metrics = new Option<string>("--metrics") { Description = "Health and metrics listen address HOST:PORT", DefaultValueFactory = _ => "127.0.0.1:9464" };
        var embedded = new Option<bool>("--embedded") { Description = "Run against the built-in emulated cloud: no cloud account or cluster needed" };
        var key = new Option<string?>("--key") { Description = "TLS private key (PEM) of the gRPC server; with --cert and --cacert enables mTLS" };
        var cert = new Option<string?>("--cert") { Description = "TLS certificate (PEM) of the gRPC server" };
        var cacert = new Option<string?>("--cacert") { Description = "CA (PEM) that client certificates must chain to" };

        var command = new Command("serve", "Serve the cluster-autoscaler's externalgrpc cloud provider")
        {
            policy, listen, metrics, embedded, key, cert, cacert,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ServeSettings
            {
                Policy = LoadPolicy(parse.GetValue(policy), parse.GetValue(embedded)),
                Grpc = new GrpcListenOptions
                {
                    Listen = parse.GetValue(listen)!,
                    KeyFile = parse.GetValue(key),
                    CertFile = parse.GetValue(cert),
                    CaFile = parse.GetValue(cacert),
                },
                MetricsListen = parse.GetValue(metrics),
            };
            var problems = settings.Grpc.Validate();
            if (problems.Count > 0)
            {
                throw new UserError(string.Join("; ", problems));
            }

            await using var app = ProviderApp.Build(settings);
            await app.StartAsync(cancellationToken);
            // Ctrl-C and SIGTERM cancel the token (and the host's own console lifetime hears them too).
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static ScalePolicy LoadPolicy(string? path, bool embedded)
    {
        if (!embedded)
        {
            // The ECS client lands with the ECS issue; until then the only cloud is the built-in one.
            throw new UserError("no cloud configured: pass --embedded to run against the built-in emulated cloud");
        }

        var result = path is null ? EmbeddedPolicy.Load() : PolicyLoader.LoadFile(path);
        if (!result.IsValid)
        {
            throw new UserError(string.Join(Environment.NewLine, result.Problems));
        }

        return result.Policy!;
    }
}
