using System.CommandLine;
using FastScale.Simulation.Ecs;
using FastScale.Simulation.Ecs.Hosting;
using FastScale.Simulation.LatencyModel;
using Microsoft.Extensions.Logging;

namespace FastScale.Commands;

/// <summary><c>fastscale emulate ecs</c>: the ECS OpenAPI emulator alone, for peers and tests.</summary>
internal static class EmulateCommand
{
    public static Command Create() => new("emulate", "Run one of FastScale's emulators on its own") { CreateEcs(), EmulateClusterCommand.Create(), EmulateNodesCommand.Create() };

    private static Command CreateEcs()
    {
        var listen = new Option<string>("--listen") { Description = "Listen address HOST:PORT (port 0: any free port)", DefaultValueFactory = _ => "127.0.0.1:8085" };
        var profile = new Option<string?>("--profile") { Description = "Latency profile YAML (default: the built-in profiles)" };
        var profileName = new Option<string>("--profile-name") { Description = "Which profile of the file to use", DefaultValueFactory = _ => LatencyProfileLoader.DefaultProfileName };
        var keyId = new Option<string>("--access-key-id") { Description = "AccessKeyId callers must sign with", DefaultValueFactory = _ => "fastscale-emulator" };
        var secret = new Option<string>("--access-key-secret") { Description = "AccessKeySecret callers must sign with", DefaultValueFactory = _ => "fastscale-emulator-secret" };
        var region = new Option<string>("--region") { Description = "The region the endpoint serves", DefaultValueFactory = _ => "cn-hangzhou" };
        var seed = new Option<int>("--seed") { Description = "Seed of latency samples and request ids", DefaultValueFactory = _ => 1 };
        var stsToken = new Option<string?>("--sts-oidc-token-file")
        {
            Description = "Serve STS AssumeRoleWithOIDC on the same address, accepting the OIDC token this file holds (what RRSA's ALIBABA_CLOUD_OIDC_TOKEN_FILE points to)",
        };
        var metadataRole = new Option<string?>("--metadata-role") { Description = "Serve the metadata service's RAM role of this name under /latest/meta-data/" };
        var stsLifetime = new Option<TimeSpan>("--sts-credential-lifetime")
        {
            Description = "Lifetime of the temporary keys STS and the metadata service issue (short ones exercise refresh)",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
        };

        var command = new Command("ecs", "Serve the ECS OpenAPI (2014-05-26) actions FastScale uses, with signatures, flow control and modelled latency")
        {
            listen, profile, profileName, keyId, secret, region, seed, stsToken, metadataRole, stsLifetime,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(profileName)!;
            var path = parse.GetValue(profile);
            var loaded = path is null ? LatencyProfileLoader.LoadEmbedded(name) : LatencyProfileLoader.LoadFile(path, name);
            if (!loaded.IsValid)
            {
                throw new UserError(string.Join(Environment.NewLine, loaded.Problems));
            }

            var options = new EcsEmulatorOptions
            {
                Listen = parse.GetValue(listen)!,
                AccessKeyId = parse.GetValue(keyId)!,
                AccessKeySecret = parse.GetValue(secret)!,
                RegionId = parse.GetValue(region)!,
                Seed = parse.GetValue(seed),
                Profile = loaded.Profile,
            };
            options.Sts.AcceptedOidcToken = parse.GetValue(stsToken) is { } tokenFile ? ReadToken(tokenFile) : null;
            options.Sts.MetadataRoleName = parse.GetValue(metadataRole);
            options.Sts.CredentialLifetime = parse.GetValue(stsLifetime);
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new UserError(string.Join("; ", problems));
            }

            await using var server = await EcsEmulatorServer.StartAsync(
                options,
                TimeProvider.System,
                logging => logging
                    .AddSimpleConsole(console => console.SingleLine = true)
                    .SetMinimumLevel(LogLevel.Information)
                    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning),
                cancellationToken);
            Console.WriteLine($"ECS emulator listening on {server.Address} (endpoint for SDKs: {server.Address}, protocol http)");
            // Until Ctrl+C or SIGTERM (the token), or until the server stops on its own: either way the process exits.
            await server.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static string ReadToken(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--sts-oidc-token-file {path}: cannot read it ({ex.GetType().Name})");
        }
    }
}
